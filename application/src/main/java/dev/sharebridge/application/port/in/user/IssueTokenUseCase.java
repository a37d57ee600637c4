package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.domain.user.UserId;

/**
 * Gives a user who lost their API token a new one: the old token stops working at once, while
 * the user's files, share links and rooms stay as they are (removing and adding the user again
 * would delete them).
 */
public interface IssueTokenUseCase {
    NewUser issueToken(UserId id) throws NotFoundException;
}
