package dev.sharebridge.application.service.user;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.user.RemoveUserUseCase;
import dev.sharebridge.application.service.room.RoomService;
import dev.sharebridge.domain.user.UserId;

/**
 * Removes a user with everything that is theirs: first their rooms (with the rooms' shared
 * folders and links) and their place in other rooms, then their share links, files and account.
 */
public final class RemoveUserService implements RemoveUserUseCase {
    private final UserService users;
    private final RoomService rooms;

    public RemoveUserService(UserService users, RoomService rooms) {
        this.users = users;
        this.rooms = rooms;
    }

    @Override
    public void remove(UserId id) throws NotFoundException, UpstreamUnavailableException {
        rooms.removeFromAllRooms(id); // nothing for an unknown user, who is then not found below
        users.remove(id);
    }
}
