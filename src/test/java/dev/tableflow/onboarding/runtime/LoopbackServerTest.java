package dev.tableflow.onboarding.runtime;

import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;
import dev.tableflow.onboarding.http.NoAnswerException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The priming's throwaway server, through the transport the functions call with. */
class LoopbackServerTest {

    private final HttpTransport transport = new HttpTransport(new Deadline());

    @Test
    void answersJsonAndXmlUnderItsPathClosesEachConnectionAndIsGoneOnceClosed() throws Exception {
        URI root;
        try (LoopbackServer server = new LoopbackServer()) {
            root = server.uri();
            assertThat(root.getHost()).isEqualTo("127.0.0.1");

            HttpTransport.Response json = transport.send("POST", root.resolve("/any"), Map.of("Content-Type", "application/json"),
                    "{\"a\":1}".getBytes());
            HttpTransport.Response xml = transport.send("GET", root.resolve(LoopbackServer.XML_PATH), Map.of(), null);

            assertThat(json.status()).isEqualTo(200);
            assertThat(json.body()).isEqualTo("{\"priming\":true}");
            assertThat(xml.body()).startsWith("<PrimingResponse>");
            // Closed by the server after each answer, so the JDK keeps no connection to it (nor, in a snapshot, a stale one).
            assertThat(json.header("Connection")).contains("close");
            assertThat(server.answered()).isEqualTo(2);
        }
        assertThatThrownBy(() -> transport.send("GET", root, Map.of(), null)).isInstanceOf(NoAnswerException.class);
    }
}
