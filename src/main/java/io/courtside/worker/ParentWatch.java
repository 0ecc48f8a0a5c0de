package io.courtside.worker;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In a child worker: the supervising process holds the write end of a pipe to our stdin and never writes to it.
 * When that process is gone, however it ended (kill -9 included), the pipe closes and we exit, so no worker
 * outlives its service. The job in flight is not committed and goes back to the queue.
 */
@Component
@ConditionalOnProperty(name = "courtside.worker.exit-with-parent", havingValue = "true")
public class ParentWatch {

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    public ParentWatch() {
        Thread watch = new Thread(() -> watch(System.in), "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void watch(InputStream parent) {
        try {
            while (parent.read() >= 0) {
                // the parent writes nothing; read until the pipe closes
            }
        } catch (IOException e) {
            // closed
        }
        log.warn("The supervising Courtside process is gone: this worker process exits");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
