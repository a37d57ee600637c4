package dev.sharebridge.adapter.http.javalin.dav;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@code DAV:multistatus} body straight to the response, one {@code response} at a time:
 * a PROPFIND of a large folder never holds its whole answer in memory. Properties come as ready
 * XML text whose DAV elements use the prefix {@code D}, which the root declares.
 */
final class DavWriter implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final Writer out;

    DavWriter(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
        out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
    }

    /** One property status group: the properties (as XML text) and their status line. */
    record PropStat(int status, List<String> props) {}

    /** One {@code response} with its propstat groups (empty groups are left out). */
    void response(String href, List<PropStat> groups) throws IOException {
        out.write("<D:response><D:href>");
        out.write(escape(href));
        out.write("</D:href>");
        for (PropStat g : groups) {
            if (g.props().isEmpty()) {
                continue;
            }
            out.write("<D:propstat><D:prop>");
            for (String p : g.props()) {
                out.write(p);
            }
            out.write("</D:prop><D:status>");
            out.write(statusLine(g.status()));
            out.write("</D:status></D:propstat>");
        }
        out.write("</D:response>");
    }

    /** A {@code response} with a status of its own (a member that could not be dealt with). */
    void status(String href, int status) throws IOException {
        out.write("<D:response><D:href>" + escape(href) + "</D:href><D:status>" + statusLine(status)
                + "</D:status></D:response>");
    }

    @Override
    public void close() throws IOException {
        out.write("</D:multistatus>\n");
        out.flush();
    }

    static String statusLine(int status) {
        return "HTTP/1.1 " + status + " " + reason(status);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 507 -> "Insufficient Storage";
            default -> "Status";
        };
    }

    /** Text for element content or an attribute value. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (r == null && c < 0x20 && c != '\n' && c != '\t') {
                r = ""; // not allowed in XML 1.0 at all
            }
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                b.append(r == null ? String.valueOf(c) : r);
            }
        }
        return b == null ? s : b.toString();
    }
}
