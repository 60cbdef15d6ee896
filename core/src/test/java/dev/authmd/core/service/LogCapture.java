package dev.authmd.core.service;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures everything written to {@code System.out} and {@code System.err} while open (and still passes it on).
 * slf4j-simple, the test binding, writes to {@code System.err} and looks the stream up on every call, so this sees
 * every log line of the code under test; {@code simplelogger.properties} in the test resources turns every level of
 * {@code dev.authmd} on.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private LogCapture() {
        System.setOut(new PrintStream(new Tee(buffer, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(buffer, originalErr), true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    String text() {
        System.out.flush();
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            try {
                first.write(b, off, len);
                second.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
