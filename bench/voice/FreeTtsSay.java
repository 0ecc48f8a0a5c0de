import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.SingleFileAudioPlayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;

/**
 * Speaks each line of a file with FreeTTS (as Courtside's FreeTtsEngine does: voice loaded once, then one line at a
 * time) into OUT/NN.wav, and writes the milliseconds each line took into OUT/NN.ms.
 *   java -cp freetts-1.2.2.jar bench/voice/FreeTtsSay.java VOICE LINES OUT
 */
public class FreeTtsSay {
    public static void main(String[] args) throws Exception {
        System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        Voice voice = VoiceManager.getInstance().getVoice(args[0]);
        if (voice == null) {
            throw new IllegalStateException("no FreeTTS voice " + args[0]);
        }
        voice.allocate();
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        Path out = Path.of(args[2]);
        for (int i = 0; i < lines.size(); i++) {
            String base = out.resolve(String.format("%02d", i + 1)).toString();
            SingleFileAudioPlayer player = new SingleFileAudioPlayer(base, AudioFileFormat.Type.WAVE);
            voice.setAudioPlayer(player);
            long started = System.nanoTime();
            voice.speak(lines.get(i));
            long ms = (System.nanoTime() - started) / 1_000_000;
            player.close();
            Files.writeString(Path.of(base + ".ms"), Long.toString(ms));
        }
        voice.deallocate();
    }
}
