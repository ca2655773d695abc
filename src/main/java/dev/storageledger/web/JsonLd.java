package dev.storageledger.web;

/** The JSON-LD names shared by every resource: each type's "@context" URL and its "@type". */
public final class JsonLd {

    private JsonLd() {
    }

    public static String context(String base, String type) {
        return base + "/contexts/" + type + ".jsonld";
    }

    public static String type(String type) {
        return "vocab:" + type;
    }
}
