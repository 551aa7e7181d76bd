import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One fresh JVM, one HTTP client, two small JSON POSTs: prints how long the first took, which is what a cold
 * function pays for its client. Usage: FirstCall (url-connection|java-net-http) URL [context|client-hello]. The
 * third argument first does what the SnapStart priming does before a snapshot (HttpTransport.warmUp), untimed: an
 * unconnected HTTPS connection, which builds the default TLS context; with client-hello, also a ClientHello written
 * by an SSLEngine and thrown away. See ../first-call.sh.
 */
public final class FirstCall {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[1]);
        byte[] body = "{\"probe\":true}".getBytes(StandardCharsets.UTF_8);
        String primed = args.length > 2 ? args[2] : "";
        if (!primed.isEmpty()) {
            uri.toURL().openConnection(Proxy.NO_PROXY);
            if (primed.equals("client-hello")) {
                SSLEngine engine = SSLContext.getDefault().createSSLEngine(uri.getHost(), 443);
                engine.setUseClientMode(true);
                engine.beginHandshake();
                engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
                engine.closeOutbound();
            }
        }
        long started = System.nanoTime();
        long first = 0;
        for (int call = 1; call <= 2; call++) {
            int status = args[0].equals("java-net-http") ? javaNetHttp(uri, body) : urlConnection(uri, body);
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
            if (call == 1) {
                first = System.nanoTime() - started;
            }
        }
        System.out.printf("%s %.1f%n", args[0] + (primed.isEmpty() ? "" : "+" + primed), first / 1e6);
    }

    private static HttpClient client;

    private static int javaNetHttp(URI uri, byte[] body) throws Exception {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static int urlConnection(URI uri, byte[] body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
        return status;
    }
}
