package dev.sharebridge.application.service.room;

import java.security.SecureRandom;

/**
 * Makes the passwords of shared-folder links: 20 characters from a CSPRNG with at least one
 * upper-case letter, one lower-case letter and one digit, without look-alike characters. About
 * 114 bits, so they pass every password policy (ours and NextCloud's) without being common.
 */
public final class LinkPasswordGenerator {
    static final int LENGTH = 20;
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String ALL = UPPER + LOWER + DIGITS;

    private final SecureRandom random;

    public LinkPasswordGenerator(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        while (true) {
            char[] c = new char[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                c[i] = ALL.charAt(random.nextInt(ALL.length()));
            }
            String p = new String(c);
            if (hasAny(p, UPPER) && hasAny(p, LOWER) && hasAny(p, DIGITS)) {
                return p;
            }
        }
    }

    private static boolean hasAny(String s, String alphabet) {
        for (int i = 0; i < s.length(); i++) {
            if (alphabet.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
