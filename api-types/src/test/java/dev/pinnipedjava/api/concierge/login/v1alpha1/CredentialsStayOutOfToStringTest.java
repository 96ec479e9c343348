package dev.pinnipedjava.api.concierge.login.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens and keys never reach a log line through toString. */
class CredentialsStayOutOfToStringTest {
  private static final String SECRET = "s3cr3t-value";

  record Case(String name, Object value, String wantShown) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> values() {
    TypedLocalObjectReference authenticator =
        new TypedLocalObjectReference(
            "authentication.concierge.pinniped.dev", "JWTAuthenticator", "my-jwt");
    TokenCredentialRequest request = new TokenCredentialRequest();
    request.getMetadata().setName("request-name");
    request.setSpec(new TokenCredentialRequestSpec(SECRET, authenticator));
    request.setStatus(
        new TokenCredentialRequestStatus(new ClusterCredential(null, SECRET, null, SECRET), null));
    return Stream.of(
        new Case(
            "spec",
            new TokenCredentialRequestSpec(SECRET, authenticator),
            "authenticator=TypedLocalObjectReference[apiGroup=authentication.concierge.pinniped.dev,"
                + " kind=JWTAuthenticator, name=my-jwt]"),
        new Case(
            "credential",
            new ClusterCredential("2025-07-02T10:05:00Z", SECRET, SECRET, SECRET),
            "expirationTimestamp=2025-07-02T10:05:00Z"),
        new Case(
            "request",
            request,
            "TokenCredentialRequest(login.concierge.pinniped.dev/v1alpha1, name=request-name)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void toStringShowsNoSecret(Case c) {
    assertThat(c.value().toString()).doesNotContain(SECRET).contains(c.wantShown());
  }
}
