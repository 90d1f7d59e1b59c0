package dev.episodes.storage.embedded;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP/1.1 front that passes requests to a server one at a time. S3Proxy checks {@code If-None-Match}
 * and then writes, and writes objects in place, in separate steps: two writers racing for one name could
 * both win, and a reader could get half an object. S3 itself does neither. Handled one at a time, each
 * request is one step, as on S3. Bodies are small here (manifests, test shards), so they are buffered.
 */
final class OneRequestAtATime implements AutoCloseable {
    private final int port;
    private final int backendPort;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    OneRequestAtATime(int port, int backendPort) {
        this.port = port;
        this.backendPort = backendPort;
    }

    void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "s3-front-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                clients.add(c);
                Thread t = new Thread(() -> serve(c), "s3-front-" + port);
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            InputStream in = new BufferedInputStream(c.getInputStream());
            OutputStream out = new BufferedOutputStream(c.getOutputStream());
            while (true) {
                Message req = Message.readHead(in);
                if (req == null) {
                    return;
                }
                if ("100-continue".equalsIgnoreCase(req.header("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    req.remove("expect");
                }
                req.body = readBody(in, req, true);
                boolean last = "close".equalsIgnoreCase(req.header("connection"));
                byte[] response;
                turn.lock();
                try {
                    response = forward(req);
                } finally {
                    turn.unlock();
                }
                out.write(response);
                out.flush();
                if (last) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the client left, or the front stopped (an outage)
        } finally {
            clients.remove(c);
        }
    }

    private byte[] forward(Message req) throws IOException {
        try (Socket b = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            b.setSoTimeout(120_000);
            OutputStream bo = new BufferedOutputStream(b.getOutputStream());
            req.remove("connection");
            req.remove("transfer-encoding");
            req.remove("content-length");
            if (req.body.length > 0 || !req.line.startsWith("GET") && !req.line.startsWith("HEAD")) {
                req.headers.add(new String[] {"Content-Length", String.valueOf(req.body.length)});
            }
            req.headers.add(new String[] {"Connection", "close"});
            bo.write(req.head());
            bo.write(req.body);
            bo.flush();
            InputStream bi = new BufferedInputStream(b.getInputStream());
            Message resp = Message.readHead(bi);
            if (resp == null) {
                throw new EOFException("the server closed without answering");
            }
            boolean head = req.line.startsWith("HEAD ");
            int status = Integer.parseInt(resp.line.split(" ")[1]);
            boolean bodyless = head || status == 204 || status == 304 || status / 100 == 1;
            resp.body = bodyless ? new byte[0] : readBody(bi, resp, false);
            resp.remove("connection");
            resp.remove("transfer-encoding");
            if (!head) {
                resp.remove("content-length");
                resp.headers.add(new String[] {"Content-Length", String.valueOf(resp.body.length)});
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(resp.body.length + 512);
            all.write(resp.head());
            all.write(resp.body);
            return all.toByteArray();
        }
    }

    private static byte[] readBody(InputStream in, Message m, boolean request) throws IOException {
        String te = m.header("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = Message.readLine(in);
                if (sizeLine == null) {
                    throw new EOFException("truncated chunked body");
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (size == 0) {
                    while (true) { // trailers
                        String t = Message.readLine(in);
                        if (t == null || t.isEmpty()) {
                            return out.toByteArray();
                        }
                    }
                }
                out.write(in.readNBytes(size));
                Message.readLine(in);
            }
        }
        String cl = m.header("content-length");
        if (cl != null) {
            int n = Integer.parseInt(cl.strip());
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new EOFException("truncated body");
            }
            return b;
        }
        return request ? new byte[0] : in.readAllBytes();
    }

    /** A request or response: its first line, headers in order, body. */
    private static final class Message {
        final String line;
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];

        private Message(String line) {
            this.line = line;
        }

        static Message readHead(InputStream in) throws IOException {
            String first = readLine(in);
            while (first != null && first.isEmpty()) {
                first = readLine(in);
            }
            if (first == null) {
                return null;
            }
            Message m = new Message(first);
            for (String l = readLine(in); l != null && !l.isEmpty(); l = readLine(in)) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    m.headers.add(new String[] {l.substring(0, colon).strip(), l.substring(colon + 1).strip()});
                }
            }
            return m;
        }

        static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(80);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        void remove(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        }

        byte[] head() {
            StringBuilder sb = new StringBuilder(line).append("\r\n");
            for (String[] h : headers) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Stops listening and drops every client connection (clients see the server gone). */
    @Override
    public void close() {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
