package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reading the small XML bodies of PROPFIND, PROPPATCH and LOCK, hardened as the NextCloud
 * adapter's parser is (no DOCTYPE, no external entities or DTDs, secure processing) and bounded
 * in size before it is parsed; and writing a parsed element back as text, for dead property values
 * and lock owners, which are kept as the client sent them.
 */
final class DavXml {
    static final String DAV = "DAV:";
    /** Large enough for any property update a client sends (litmus sends a few KiB). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final DocumentBuilderFactory FACTORY = factory();
    /** Errors end the parse as exceptions; nothing is printed to the console. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private DavXml() {}

    /** The request's XML body, or empty when it has none. */
    static Optional<Element> body(Context ctx) throws IOException {
        byte[] bytes = read(ctx.req().getInputStream());
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            Document doc = builder.parse(new ByteArrayInputStream(bytes));
            return Optional.of(doc.getDocumentElement());
        } catch (SAXException | ParserConfigurationException e) {
            throw new HttpProblem(400, "bad_request", "the request body is not well-formed XML", Map.of());
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw HttpProblem.tooLarge(MAX_BODY_BYTES);
        }
        return bytes;
    }

    /** Whether {@code node} is the element {@code DAV:local}. */
    static boolean isDav(Node node, String local) {
        return node instanceof Element e && DAV.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    /** The child elements of {@code parent}, in document order. */
    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child {@code DAV:local}, if any. */
    static Optional<Element> child(Element parent, String local) {
        return children(parent).stream().filter(e -> isDav(e, local)).findFirst();
    }

    /**
     * The element as text, each element declaring its own namespace, so that the text stands on its
     * own wherever it is put (inside a multistatus with other prefixes).
     */
    static String serialize(Element element) {
        StringBuilder out = new StringBuilder();
        write(element, out);
        return out.toString();
    }

    /** The element's children as text (a lock's owner is written inside our own element). */
    static String serializeContent(Element element) {
        StringBuilder out = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            writeNode(n, out);
        }
        return out.toString();
    }

    private static void writeNode(Node n, StringBuilder out) {
        if (n instanceof Element e) {
            write(e, out);
        } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
            out.append(DavWriter.escape(n.getNodeValue()));
        }
    }

    private static void write(Element e, StringBuilder out) {
        String ns = e.getNamespaceURI();
        String name = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
        String tag = ns == null ? name : "x:" + name;
        out.append('<').append(tag);
        out.append(ns == null ? " xmlns=\"\"" : " xmlns:x=\"" + DavWriter.escape(ns) + "\"");
        NamedNodeMap attrs = e.getAttributes();
        int prefixes = 0;
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String ans = a.getNamespaceURI();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ans)) {
                continue; // each element declares what it uses
            }
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (ans == null) {
                out.append(' ').append(local);
            } else {
                String p = "a" + prefixes++;
                out.append(" xmlns:")
                        .append(p)
                        .append("=\"")
                        .append(DavWriter.escape(ans))
                        .append('"');
                out.append(' ').append(p).append(':').append(local);
            }
            out.append("=\"").append(DavWriter.escape(a.getValue())).append('"');
        }
        if (e.getFirstChild() == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            writeNode(n, out);
        }
        out.append("</").append(tag).append('>');
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
        }
    }
}
