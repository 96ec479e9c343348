package dev.pinnipedjava.testkit.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import org.junit.jupiter.api.Test;

class LdapServerStopIT {
  @Test
  void stopEndsSlapdAndFreesItsPorts() {
    LdapServer server = LdapServer.start();
    assertThat(server.ports()).allMatch(LoopbackPorts::listening);
    assertThat(server.startupTime()).isPositive();

    server.stop();
    server.stop();

    assertThat(server.ports()).noneMatch(LoopbackPorts::listening);
  }
}
