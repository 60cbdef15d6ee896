package dev.authmd.adapters.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A one-connection SMTP server for the failure paths GreenMail cannot produce (a rejected recipient, a rejected
 * message). {@code replies} maps an upper-cased command verb to the reply; {@code null} means the usual success reply.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final CompletableFuture<Void> done;

    ScriptedSmtpServer(UnaryOperator<String> replies) throws IOException {
        this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.done = CompletableFuture.runAsync(() -> serve(replies));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(UnaryOperator<String> replies) {
        try (Socket client = socket.accept();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                String scripted = replies.apply(verb);
                if (scripted != null) {
                    reply(out, scripted);
                } else if (verb.equals("DATA")) {
                    reply(out, "354 go ahead");
                    while (!".".equals(in.readLine())) {
                        // swallow the message
                    }
                    String afterData = replies.apply("END-OF-DATA");
                    reply(out, afterData != null ? afterData : "250 queued");
                } else if (verb.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        done.join();
    }
}
