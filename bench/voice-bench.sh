#!/usr/bin/env bash
# How intelligible each available voice is, measured: real commentary lines (bench/voice/lines-en.txt, 16 English
# lines with team names and scores from config/commentary/basketball/en.yaml; bench/voice/lines-zh.txt, 14 Chinese
# lines from zh.yaml) rendered by every candidate from the package registries, then
#   English: transcribed by Debian's pocketsphinx (pocketsphinx-en-us model) and scored as word error rate
#            (lower case, punctuation dropped, numbers as words on both sides);
#   Chinese: no Mandarin recogniser is packaged by Debian, npm or Maven Central, so listening-free proxies:
#            the share of words espeak-ng itself says it speaks with English phonemes, and speech seconds per
#            Han character.
# Also render time per second of speech (one pass; CLI voices include their process start, as in production).
#   bench/voice-bench.sh            (VERBOSE=1 also prints every transcript)
# Candidates: FreeTTS kevin16 (Maven Central), flite 2.2 kal/kal16/awb/rms/slt, festival 2.5 with
# festvox-us-slt-hts, festvox-kallpc16k, festvox-kdlpc16k, espeak-ng en-us (Debian; Debian has no mbrola voices).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work/voice
rm -rf "$WORK"
mkdir -p "$WORK"

need=()
for p in flite:flite festival:festival text2wave:festival espeak-ng:espeak-ng pocketsphinx_continuous:pocketsphinx \
         ffmpeg:ffmpeg; do
  command -v "${p%%:*}" >/dev/null || need+=("${p#*:}")
done
[ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ] || need+=(festvox-us-slt-hts)
[ -d /usr/share/festival/voices/english/kal_diphone ] || need+=(festvox-kallpc16k)
[ -d /usr/share/festival/voices/english/ked_diphone ] || need+=(festvox-kdlpc16k)
[ -d /usr/share/pocketsphinx/model/en-us ] || need+=(pocketsphinx-en-us)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian's ${need[*]}"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

FREETTS=${HOME}/.m2/repository/net/sf/sociaal/freetts/1.2.2/freetts-1.2.2.jar
if [ ! -s "$FREETTS" ]; then
  ./mvnw -B -q dependency:get -Dartifact=net.sf.sociaal:freetts:1.2.2
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# render LANG CANDIDATE COMMAND...: COMMAND is run once per line with $IN (a text file) and $OUT (the wav).
render() {
  local lang=$1 name=$2; shift 2
  local dir=$WORK/$lang/$name i=0
  mkdir -p "$dir"
  while IFS= read -r line; do
    i=$((i + 1)); n=$(printf %02d $i)
    IN=$dir/$n.txt OUT=$dir/$n.wav
    printf '%s\n' "$line" > "$IN"
    t0=$(now_ms); IN=$IN OUT=$OUT bash -c "$*"; t1=$(now_ms)
    echo $((t1 - t0)) > "$dir/$n.ms"
  done < "bench/voice/lines-$lang.txt"
  echo "rendered $lang/$name"
}

render en flite-kal   'flite -voice kal -f "$IN" -o "$OUT"'
render en flite-kal16 'flite -voice kal16 -f "$IN" -o "$OUT"'
render en flite-awb   'flite -voice awb -f "$IN" -o "$OUT"'
render en flite-rms   'flite -voice rms -f "$IN" -o "$OUT"'
render en flite-slt   'flite -voice slt -f "$IN" -o "$OUT"'
render en festival-slt-hts 'text2wave -eval "(voice_cmu_us_slt_arctic_hts)" "$IN" -o "$OUT"'
render en festival-kal-diphone 'text2wave -eval "(voice_kal_diphone)" "$IN" -o "$OUT"'
render en festival-ked-diphone 'text2wave -eval "(voice_ked_diphone)" "$IN" -o "$OUT"'
render en espeak-ng-en-us 'espeak-ng -v en-us -s 165 -f "$IN" -w "$OUT"'
mkdir -p "$WORK/en/freetts-kevin16"
java -cp "$FREETTS" bench/voice/FreeTtsSay.java kevin16 bench/voice/lines-en.txt "$WORK/en/freetts-kevin16"
echo "rendered en/freetts-kevin16"

render zh espeak-ng-cmn 'espeak-ng -v cmn -s 165 -f "$IN" -w "$OUT"; espeak-ng -v cmn -q -x -f "$IN" > "${OUT%.wav}.ph"'
render zh espeak-ng-cmn-latn-pinyin 'espeak-ng -v cmn-latn-pinyin -s 165 -f "$IN" -w "$OUT";
  espeak-ng -v cmn-latn-pinyin -q -x -f "$IN" > "${OUT%.wav}.ph"'

# 16 kHz mono for the recogniser (and the same for every candidate's length), then transcribe English.
for wav in "$WORK"/*/*/*.wav; do
  ffmpeg -hide_banner -loglevel error -y -i "$wav" -ar 16000 -ac 1 -fflags +bitexact -map_metadata -1 \
    -f wav "${wav%.wav}.wav16"
done
# One recogniser process for all lines (it loads its model once): pocketsphinx_batch, then one .hyp per line.
(cd "$WORK/en" && ls ./*/*.wav16 | sed 's#^\./##; s#\.wav16$##') > "$WORK/en.ctl"
pocketsphinx_batch -adcin yes -adchdr 44 -cepdir "$WORK/en" -cepext .wav16 -ctl "$WORK/en.ctl" -hyp "$WORK/en.hyp" \
  -logfn "$WORK/pocketsphinx.log" || { tail -20 "$WORK/pocketsphinx.log"; exit 1; }
while IFS= read -r hyp; do
  id=${hyp##*(}; id=${id%% *}
  printf '%s\n' "${hyp% (*}" > "$WORK/en/$id.hyp"
done < "$WORK/en.hyp"

java bench/voice/VoiceScore.java "$WORK" bench/voice/lines-en.txt bench/voice/lines-zh.txt
