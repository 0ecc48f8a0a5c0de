package io.courtside.e2e;

import io.courtside.CallbackReceiver;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/** A caller's view of the running service: its RPC API, its S3 store, and a callback receiver of our own. */
abstract class EndToEndTestBase extends CourtsideTestBase {

    @LocalServerPort
    int port;
    @Autowired
    S3Client s3;
    RpcClient rpc;
    CallbackReceiver receiver;

    @BeforeEach
    void startCaller() throws Exception {
        rpc = new RpcClient(port);
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stopCaller() {
        receiver.close();
    }
}
