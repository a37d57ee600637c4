package dev.sharebridge.adapter.http.javalin.rooms;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.adapter.http.javalin.internal.ItemJson;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.SharedFolderJson;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.room.ManageRoomsUseCase;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.in.room.RoomInvitationsUseCase;
import dev.sharebridge.application.port.in.room.RoomModeratorsUseCase;
import dev.sharebridge.application.port.in.room.SharedFolderResult;
import dev.sharebridge.application.port.in.room.SharedFolderUseCase;
import dev.sharebridge.application.port.in.room.Ticket;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meeting rooms, their members, invite codes, shared folder and meeting tickets (docs/reference.md §8).
 * A malformed room id is a room that does not exist (404, like another user's room); a malformed
 * user name in a path is 400 {@code validation_failed}, checked after the room id and before any
 * lookup, so it tells nothing about the room.
 */
public final class RoomRoutes {
    private static final String ROOM = "/v1/rooms/{id}";
    private static final String ROOM_NOT_FOUND = "no such room";

    private final ManageRoomsUseCase rooms;
    private final RoomInvitationsUseCase invitations;
    private final RoomModeratorsUseCase moderators;
    private final SharedFolderUseCase folders;
    private final MeetingUseCase meetings;
    private final Auth auth;
    private final Json json;

    public RoomRoutes(
            ManageRoomsUseCase rooms,
            RoomInvitationsUseCase invitations,
            RoomModeratorsUseCase moderators,
            SharedFolderUseCase folders,
            MeetingUseCase meetings,
            Auth auth,
            Json json) {
        this.rooms = rooms;
        this.invitations = invitations;
        this.moderators = moderators;
        this.folders = folders;
        this.meetings = meetings;
        this.auth = auth;
        this.json = json;
    }

    /** {@code POST /v1/rooms} body; the server fields (id, owner, time) are unknown fields here. */
    record CreateRequest(String title) {}

    /** {@code POST /v1/rooms/{id}/start} body of a guest. */
    record GuestStart(String inviteCode, String displayName) {
        @Override
        public String toString() {
            return "GuestStart[redacted]";
        }
    }

    record RoomJson(String id, String title, String createdBy, Instant createdAt) {
        static RoomJson from(Room room) {
            return new RoomJson(
                    room.id().toString(),
                    room.title().orElse(null),
                    room.createdBy().value(),
                    ItemJson.seconds(room.createdAt()));
        }
    }

    record RoomListJson(List<RoomJson> items) {}

    record InviteCodeJson(String code) {
        @Override
        public String toString() {
            return "InviteCodeJson[redacted]";
        }
    }

    record TicketJson(String ticket) {
        @Override
        public String toString() {
            return "TicketJson[redacted]";
        }
    }

    public void register(RoutesConfig routes) {
        Json.route(routes, HandlerType.POST, "/v1/rooms", this::create);
        routes.get("/v1/rooms", this::list);
        routes.get(ROOM, this::get);
        routes.delete(ROOM, this::delete);
        routes.put(ROOM + "/invitees/{user}", ctx -> changeMember(ctx, invitations::invite));
        routes.delete(ROOM + "/invitees/{user}", ctx -> changeMember(ctx, invitations::uninvite));
        routes.put(ROOM + "/moderators/{user}", ctx -> changeMember(ctx, moderators::grantModerator));
        routes.delete(ROOM + "/moderators/{user}", ctx -> changeMember(ctx, moderators::revokeModerator));
        routes.post(ROOM + "/invite_codes", this::createInviteCode);
        routes.put(ROOM + "/shared_folder", this::putFolder);
        routes.get(ROOM + "/shared_folder", this::getFolder);
        routes.delete(ROOM + "/shared_folder", this::deleteFolder);
        Json.route(routes, HandlerType.POST, ROOM + "/start", this::start);
    }

    private void create(Context ctx) {
        UserId user = auth.user(ctx);
        CreateRequest req = json.read(ctx, CreateRequest.class);
        json.respond(ctx, 201, RoomJson.from(rooms.create(user, Optional.ofNullable(req.title()))));
    }

    private void list(Context ctx) {
        UserId user = auth.user(ctx);
        json.respond(
                ctx,
                200,
                new RoomListJson(rooms.list(user).stream().map(RoomJson::from).toList()));
    }

    private void get(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        json.respond(ctx, 200, RoomJson.from(rooms.get(user, roomId(ctx))));
    }

    private void delete(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        RoomId room = roomId(ctx);
        rooms.delete(user, room, force(ctx));
        ctx.status(204);
    }

    /** One of the four membership operations, which all take (caller, room, user). */
    @FunctionalInterface
    private interface MemberChange {
        void apply(UserId caller, RoomId room, UserId user) throws Exception;
    }

    /** Auth, then the room id, then the user name (so a bad name says nothing about the room). */
    private void changeMember(Context ctx, MemberChange change) throws Exception {
        UserId caller = auth.user(ctx);
        RoomId room = roomId(ctx);
        change.apply(caller, room, userParam(ctx));
        ctx.status(204);
    }

    private void createInviteCode(Context ctx) throws Exception {
        UserId caller = auth.user(ctx);
        json.respond(
                ctx,
                201,
                new InviteCodeJson(
                        invitations.createInviteCode(caller, roomId(ctx)).value()));
    }

    private void putFolder(Context ctx) throws Exception {
        UserId caller = auth.user(ctx);
        SharedFolderResult result = folders.put(caller, roomId(ctx));
        json.respond(ctx, result.created() ? 201 : 200, SharedFolderJson.from(result.view()));
    }

    private void getFolder(Context ctx) throws Exception {
        UserId caller = auth.user(ctx);
        json.respond(ctx, 200, SharedFolderJson.from(folders.get(caller, roomId(ctx))));
    }

    private void deleteFolder(Context ctx) throws Exception {
        UserId caller = auth.user(ctx);
        folders.delete(caller, roomId(ctx));
        ctx.status(204);
    }

    /**
     * A user starts with their bearer token; a request without {@code Authorization} is a guest's
     * and must carry an invite code and a display name.
     */
    private void start(Context ctx) throws Exception {
        Ticket ticket;
        if (ctx.header("Authorization") != null) {
            UserId user = auth.user(ctx);
            ticket = meetings.start(user, roomId(ctx));
        } else {
            RoomId room = roomId(ctx);
            GuestStart guest = json.read(ctx, GuestStart.class);
            if (guest.inviteCode() == null) {
                throw new HttpProblem(
                        401,
                        "unauthorized",
                        "a bearer token, or an invite_code and display_name for a guest, is required",
                        Map.of("WWW-Authenticate", "Bearer"));
            }
            if (guest.displayName() == null) {
                throw new InvalidValueException("display_name", "display_name is required");
            }
            ticket = meetings.startAsGuest(room, guest.inviteCode(), guest.displayName());
        }
        json.respond(ctx, 200, new TicketJson(ticket.value()));
    }

    private static RoomId roomId(Context ctx) throws NotFoundException {
        return RoomId.parse(ctx.pathParam("id")).orElseThrow(() -> new NotFoundException(ROOM_NOT_FOUND));
    }

    private static UserId userParam(Context ctx) {
        return Fields.as("user", () -> UserId.of(ctx.pathParam("user")));
    }

    private static boolean force(Context ctx) {
        String raw = ctx.queryParam("force");
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new InvalidValueException("force", "force must be true or false");
    }
}
