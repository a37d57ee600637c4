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
}
