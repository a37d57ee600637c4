package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import org.w3c.dom.Element;

/**
 * A property's name: its namespace ({@code ""} for none) and local name.
 */
record PropName(String namespace, String local) {
    static PropName of(Element e) {
        String ns = e.getNamespaceURI();
        return new PropName(ns == null ? "" : ns, e.getLocalName() == null ? e.getTagName() : e.getLocalName());
    }

    static PropName of(DeadPropertyStore.Name name) {
        return new PropName(name.namespace(), name.local());
    }

    /** As the stores of dead properties name it. */
    DeadPropertyStore.Name name() {
        return new DeadPropertyStore.Name(namespace, local);
    }

    static PropName dav(String local) {
        return new PropName(DavXml.DAV, local);
    }

    boolean isDav() {
        return DavXml.DAV.equals(namespace);
    }

    /** The empty element of this name, as text that declares its own namespace. */
    String emptyElement() {
        if (isDav()) {
            return "<D:" + local + "/>";
        }
        return namespace.isEmpty()
                ? "<" + local + " xmlns=\"\"/>"
                : "<x:" + local + " xmlns:x=\"" + DavWriter.escape(namespace) + "\"/>";
    }
}
