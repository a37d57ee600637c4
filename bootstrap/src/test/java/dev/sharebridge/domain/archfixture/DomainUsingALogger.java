package dev.sharebridge.domain.archfixture;

/** A deliberate violation for ArchitectureRulesTest: a domain class with a framework type. */
public final class DomainUsingALogger {
    private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DomainUsingALogger.class);

    public void touch() {
        log.debug("never called");
    }
}
