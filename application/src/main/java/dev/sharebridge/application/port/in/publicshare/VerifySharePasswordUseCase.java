package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;

/** Trading a link's password for a grant (the proof the other public routes ask for). */
public interface VerifySharePasswordUseCase {

    /**
     * Checks a password, throttled per (client, token) and per token before any hashing. A link
     * without a password gets a grant for any password.
     *
     * @throws InvalidPasswordException wrong password
     * @throws RateLimitedException too many attempts, or too many not-found answers for the client
     * @throws ServiceBusyException every hashing slot busy
     */
    Grant verify(String rawToken, String password, String client)
            throws NotFoundException, InvalidPasswordException, RateLimitedException, ServiceBusyException;

    /**
     * {@link #verify} for clients that send the password with every request (WebDAV's Basic):
     * a (token, password) pair verified lately is answered with the grant it got then, after the
     * link's lookup but without hashing and without taking from the budgets, as long as that
     * grant is valid (a changed or removed password, or an expired grant, sends the pair through
     * {@link #verify} again). Wrong passwords are never remembered: each one counts as in
     * {@link #verify}. By default {@link #verify}.
     */
    default Grant verifyRemembered(String rawToken, String password, String client)
            throws NotFoundException, InvalidPasswordException, RateLimitedException, ServiceBusyException {
        return verify(rawToken, password, client);
    }
}
