package dev.tableflow.onboarding.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for the test bed's servers, and for calls that must be refused. */
public final class Loopback {

    private Loopback() {}

    /**
     * A port nothing listened on a moment ago: a server can take it, and a call sent to it is refused at once, which
     * keeps a function whose endpoints point there offline whatever it tries.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + InetAddress.getLoopbackAddress(), e);
        }
    }
}
