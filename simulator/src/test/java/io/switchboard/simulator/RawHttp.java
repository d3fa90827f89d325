package io.switchboard.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket, for fault tests that need to see exactly what arrived: how many bytes,
 * whether a chunked body was terminated, and when the first byte came.
 */
final class RawHttp {

    /** What came back. {@code complete} is false when a chunked body ended without its terminating chunk. */
    record Result(int status, Map<String, String> headers, String body, boolean complete, int bytes, long firstByteNanos, long totalNanos) {}

    private RawHttp() {}

    static Result post(int port, String path, Map<String, String> headers, String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n"
                + "content-type: application/json\r\ncontent-length: " + payload.length + "\r\n");
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            long firstByte = -1;
            byte[] buf = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketException reset) {
                    break;
                }
                if (n < 0) break;
                if (firstByte < 0) firstByte = System.nanoTime() - start;
                raw.write(buf, 0, n);
            }
            return parse(raw.toByteArray(), firstByte, System.nanoTime() - start);
        }
    }

    private static Result parse(byte[] raw, long firstByte, long total) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) return new Result(-1, Map.of(), "", false, raw.length, firstByte, total);
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        String rest = text.substring(headEnd + 4);
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            String length = headers.get("content-length");
            boolean complete = length == null || rest.getBytes(StandardCharsets.UTF_8).length == Integer.parseInt(length);
            return new Result(status, headers, rest, complete, raw.length, firstByte, total);
        }
        StringBuilder body = new StringBuilder();
        int pos = 0;
        boolean complete = false;
        while (true) {
            int eol = rest.indexOf("\r\n", pos);
            if (eol < 0) break;
            int size = Integer.parseInt(rest.substring(pos, eol).trim(), 16);
            if (size == 0) {
                complete = true;
                break;
            }
            int start = eol + 2;
            // Sizes count bytes; the frames here are ASCII-safe JSON, so chars and bytes line up.
            if (start + size > rest.length()) {
                body.append(rest, start, rest.length());
                break;
            }
            body.append(rest, start, start + size);
            pos = start + size + 2;
        }
        return new Result(status, headers, body.toString(), complete, raw.length, firstByte, total);
    }
}
