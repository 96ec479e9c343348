package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The types of upstream identity provider, as identity provider discovery names them. */
public enum IDPType {
  OIDC("oidc"),
  LDAP("ldap"),
  ACTIVE_DIRECTORY("activedirectory"),
  GITHUB("github");

  private final String wireName;

  IDPType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, also the value of the CLI's identity provider type flag. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name, if there is one. */
  public static Optional<IDPType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
  }

  @JsonCreator
  static IDPType parse(String wireName) {
    return fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown identity provider type"));
  }
}
