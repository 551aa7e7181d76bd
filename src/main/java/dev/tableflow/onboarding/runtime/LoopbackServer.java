package dev.tableflow.onboarding.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway HTTP/1.1 server on 127.0.0.1 for the SnapStart priming: the real clients send it their requests, so
 * that the socket, HTTP and parsing code a first call runs is loaded and linked before the snapshot, while nothing
 * leaves the machine. It answers every request with 200 and a fixed body (XML under {@link #XML_PATH}, else JSON) and
 * closes the connection ({@code Connection: close}), so the JDK keeps no connection to it in the snapshot; closing the
 * server closes its socket and ends its thread.
 */
final class LoopbackServer implements AutoCloseable {

    /** Requests under this path are answered with XML, as AWS's Query APIs answer. */
    static final String XML_PATH = "/xml";
    private static final String JSON_BODY = "{\"priming\":true}";
    private static final String XML_BODY = "<PrimingResponse><PrimingResult/></PrimingResponse>";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger answered = new AtomicInteger();

    LoopbackServer() throws IOException {
        socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("snapstart-priming-loopback").start(this::serve);
    }

    /** The server's root, {@code http://127.0.0.1:port/}. */
    URI uri() {
        return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/");
    }

    /** How many requests it has read (and answered, once their clients have the answer). */
    int answered() {
        return answered.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                String head = readRequest(connection.getInputStream());
                answered.incrementAndGet(); // before the answer, so a client that has it reads a count that includes it
                boolean xml = head.startsWith(XML_PATH, head.indexOf(' ') + 1);
                byte[] body = (xml ? XML_BODY : JSON_BODY).getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (xml ? "text/xml" : "application/json") + "\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (SocketException closed) {
                return; // close() closed the server socket under accept()
            } catch (IOException e) {
                // One request could not be read; the client sees the failure and the priming reports it.
            }
        }
    }

    /** Reads the request line and headers, then skips the body by its Content-Length; returns the head. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended before its headers did");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        long length = text.lines().map(line -> line.toLowerCase(Locale.ROOT))
                .filter(line -> line.startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring("content-length:".length()).strip())).findFirst().orElse(0);
        in.skipNBytes(length);
        return text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
