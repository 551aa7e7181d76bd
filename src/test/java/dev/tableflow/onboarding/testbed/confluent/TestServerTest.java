package dev.tableflow.onboarding.testbed.confluent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One Confluent test server per test class, back to its seeded state before each test. */
abstract class TestServerTest {

    static ConfluentCloudTestServer server;
    static CloudHttp http;

    @BeforeAll
    static void startServer() {
        server = ConfluentCloudTestServer.start();
        http = new CloudHttp(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }
}
