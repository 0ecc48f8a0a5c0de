package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HTTP API calls run their route on the request thread: the platform-http engine the service uses hands a call to
 * no other thread (a hand-off to Spring's task executor and back cost a large share of a submit's CPU).
 */
class HttpApiThreadsTest extends CourtsideTestBase {

    @Autowired
    PlatformHttpEngine engine;

    @Test
    void theHttpEngineRunsEachCallOnTheThreadThatReceivedIt() throws Exception {
        // The engine keeps the executor its consumers hand calls to; Camel offers no getter for it.
        Field field = engine.getClass().getDeclaredField("executor");
        field.setAccessible(true);
        Executor executor = (Executor) field.get(engine);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        executor.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }
}
