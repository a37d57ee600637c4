package dev.sharebridge.application.service.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import org.junit.jupiter.api.Test;

class UserSpacesTest {
    @Test
    void a_space_is_the_users_folder_and_paths_round_trip() {
        UserId u = UserId.of("a.b");
        assertThat(UserSpaces.root(u)).hasToString("/users/a.b");
        ItemPath p = ItemPath.parse("x/y");
        assertThat(UserSpaces.toStorage(u, p)).hasToString("/users/a.b/x/y");
        assertThat(UserSpaces.toSpace(u, UserSpaces.toStorage(u, p))).isEqualTo(p);
        assertThat(UserSpaces.toSpace(u, UserSpaces.root(u))).isEqualTo(ItemPath.root());
    }
}
