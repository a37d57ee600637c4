package dev.sharebridge.adapter.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import org.junit.jupiter.api.Test;

class DavLocationTest {
    private final DavLocation home = new DavLocation(NextcloudSettings.of("https://c.example.org/", "admin", "pw", ""));
    private final DavLocation sub = new DavLocation(
            NextcloudSettings.of("https://c.example.org/nextcloud", "user@example.org", "pw", "open talk/meetings"));

    @Test
    void segmentsAreEncodedOneByOne() {
        assertThat(DavLocation.encodeSegment("a b ü&c")).isEqualTo("a%20b%20%C3%BC%26c");
        assertThat(DavLocation.encodeSegment("p+q#r")).isEqualTo("p%2Bq%23r");
        assertThat(DavLocation.encodeSegment("100%?;=")).isEqualTo("100%25%3F%3B%3D");
        assertThat(DavLocation.encodeSegment("日本")).isEqualTo("%E6%97%A5%E6%9C%AC");
        assertThat(home.url(ItemPath.of("a b ü&c", "p+q#r")).toString())
                .isEqualTo("https://c.example.org/remote.php/dav/files/admin/a%20b%20%C3%BC%26c/p%2Bq%23r");
    }

    @Test
    void theRootIncludesSubPathUserAndDirectory() {
        assertThat(sub.url(ItemPath.root()).encodedPath())
                .isEqualTo("/nextcloud/remote.php/dav/files/user%40example.org/open%20talk/meetings");
        assertThat(sub.sharePath(ItemPath.of("room"))).isEqualTo("/open talk/meetings/room");
        assertThat(sub.ocs("ocs/v2.php/cloud/capabilities").toString())
                .isEqualTo("https://c.example.org/nextcloud/ocs/v2.php/cloud/capabilities?format=json");
    }

    @Test
    void hrefsAreDecodedWithEitherHexCaseAndPlusStaysPlus() {
        assertThat(home.pathOf("/remote.php/dav/files/admin/t1/a%20b%20%c3%bc%26c/"))
                .contains(ItemPath.of("t1", "a b ü&c"));
        assertThat(home.pathOf("/remote.php/dav/files/admin/t1/p%2bq%23r/")).contains(ItemPath.of("t1", "p+q#r"));
        assertThat(home.pathOf("/remote.php/dav/files/admin/a+b")).contains(ItemPath.of("a+b"));
        assertThat(home.pathOf("/remote.php/dav/files/admin/")).contains(ItemPath.root());
        assertThat(home.pathOf("https://c.example.org/remote.php/dav/files/admin/x"))
                .contains(ItemPath.of("x"));
        assertThat(sub.pathOf("/nextcloud/remote.php/dav/files/user%40example.org/open%20talk/meetings/r/"))
                .contains(ItemPath.of("r"));
    }

    @Test
    void hrefsOutsideTheRootOrBrokenAreIgnored() {
        assertThat(home.pathOf("/remote.php/dav/files/other/x")).isEmpty();
        assertThat(home.pathOf("https://evil.example.org/remote.php/dav/files/admin/x"))
                .isEmpty();
        assertThat(sub.pathOf("/nextcloud/remote.php/dav/files/user%40example.org/open%20talk/"))
                .isEmpty();
        assertThat(home.pathOf("/remote.php/dav/files/admin/%2e%2e")).isEmpty();
        assertThat(home.pathOf("/remote.php/dav/files/admin/a%2Fb")).isEmpty();
        assertThat(home.pathOf("/remote.php/dav/files/admin/%zz")).isEmpty();
        assertThat(home.pathOf("/remote.php/dav/files/admin/%c3")).isEmpty();
    }

    @Test
    void theDirectorysOwnLevelsAreReachableForMkcol() {
        assertThat(sub.homeUrl(ItemPath.of("open talk")).encodedPath())
                .isEqualTo("/nextcloud/remote.php/dav/files/user%40example.org/open%20talk");
        assertThat(sub.homeUrl(ItemPath.of("open talk", "meetings", "r")).encodedPath())
                .isEqualTo("/nextcloud/remote.php/dav/files/user%40example.org/open%20talk/meetings/r");
    }
}
