package dev.sharebridge.adapter.nextcloud;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads NextCloud's XML answers (a PROPFIND 207 multistatus, a Sabre error body) with a parser
 * that refuses DOCTYPEs and never resolves external entities, so a hostile or broken upstream
 * cannot make us read local files or expand entity bombs.
 */
final class Multistatus {
    static final String DAV = "DAV:";
    static final String OC = "http://owncloud.org/ns";
    static final String SABRE = "http://sabredav.org/ns";

    /** The props of one {@code d:response} from its 200 propstat(s). */
    record Entry(
            String href,
            boolean collection,
            Optional<String> etag,
            Optional<Instant> lastModified,
            OptionalLong contentLength,
            OptionalLong ocSize) {}

    /** Thrown for anything that is not a well-formed answer of the expected shape. */
    static final class MalformedAnswerException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Multistatus() {}

    static List<Entry> parse(byte[] xml) throws MalformedAnswerException {
        Element root = parseDocument(xml).getDocumentElement();
        if (!is(root, DAV, "multistatus")) {
            throw new MalformedAnswerException("the answer is not a DAV multistatus", null);
        }
        List<Entry> entries = new ArrayList<>();
        for (Element response : children(root, DAV, "response")) {
            Element href = first(response, DAV, "href");
            if (href == null) {
                throw new MalformedAnswerException("a multistatus response has no href", null);
            }
            boolean collection = false;
            String etag = null;
            Instant lastModified = null;
            Long contentLength = null;
            Long ocSize = null;
            for (Element propstat : children(response, DAV, "propstat")) {
                Element status = first(propstat, DAV, "status");
                if (status == null || !isOk(status.getTextContent())) {
                    continue; // e.g. the 404 propstat of getcontentlength on a folder
                }
                Element prop = first(propstat, DAV, "prop");
                if (prop == null) {
                    continue;
                }
                Element type = first(prop, DAV, "resourcetype");
                if (type != null && first(type, DAV, "collection") != null) {
                    collection = true;
                }
                Element e = first(prop, DAV, "getetag");
                if (e != null) {
                    etag = unquote(e.getTextContent());
                }
                Element m = first(prop, DAV, "getlastmodified");
                if (m != null) {
                    lastModified = httpDate(m.getTextContent());
                }
                Element l = first(prop, DAV, "getcontentlength");
                if (l != null && !l.getTextContent().isBlank()) {
                    contentLength = number(l.getTextContent());
                }
                Element s = first(prop, OC, "size");
                if (s != null && !s.getTextContent().isBlank()) {
                    ocSize = number(s.getTextContent());
                }
            }
            entries.add(new Entry(
                    href.getTextContent().strip(),
                    collection,
                    Optional.ofNullable(etag).filter(t -> !t.isEmpty()),
                    Optional.ofNullable(lastModified),
                    contentLength == null ? OptionalLong.empty() : OptionalLong.of(contentLength),
                    ocSize == null ? OptionalLong.empty() : OptionalLong.of(ocSize)));
        }
        return entries;
    }

    /** A Sabre error body: its exception class and its message (each "" when absent). */
    record SabreError(String exception, String message) {}

    /** The {@code <d:error>} body of a refused request; empty when the body is not one. */
    static Optional<SabreError> sabreError(byte[] xml) {
        try {
            Element root = parseDocument(xml).getDocumentElement();
            if (!is(root, DAV, "error")) {
                return Optional.empty();
            }
            Element ex = first(root, SABRE, "exception");
            Element message = first(root, SABRE, "message");
            return Optional.of(new SabreError(
                    ex == null ? "" : ex.getTextContent().strip(),
                    message == null ? "" : message.getTextContent().strip()));
        } catch (MalformedAnswerException e) {
            return Optional.empty();
        }
    }

    /** ETags come quoted (and XML-escaped); the domain wants them bare. */
    static String unquote(String raw) {
        String t = raw.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static boolean isOk(String statusLine) {
        String[] parts = statusLine.strip().split("\\s+");
        return parts.length >= 2 && parts[1].startsWith("2");
    }

    private static Instant httpDate(String text) throws MalformedAnswerException {
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedAnswerException("getlastmodified is not an RFC 1123 date", e);
        }
    }

    private static long number(String text) throws MalformedAnswerException {
        try {
            long n = Long.parseLong(text.strip());
            if (n < 0) {
                throw new MalformedAnswerException("a size is negative", null);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException("a size is not a number", e);
        }
    }

    private static Document parseDocument(byte[] xml) throws MalformedAnswerException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                // The default handler prints to stderr; every problem is an exception here.
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
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new MalformedAnswerException("the XML answer cannot be parsed", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
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
    }

    private static boolean is(Node n, String ns, String local) {
        return n.getNodeType() == Node.ELEMENT_NODE && ns.equals(n.getNamespaceURI()) && local.equals(n.getLocalName());
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static @Nullable Element first(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) {
                return (Element) n;
            }
        }
        return null;
    }
}
