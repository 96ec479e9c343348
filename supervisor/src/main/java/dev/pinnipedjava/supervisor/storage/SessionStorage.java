package dev.pinnipedjava.supervisor.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.secretstore.InMemorySecretStore;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.secretstore.SecretStore;
import dev.pinnipedjava.supervisor.secretstore.StorageType;
import dev.pinnipedjava.supervisor.secretstore.Stored;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every document of a login, in the Secrets Pinniped keeps them in, with Pinniped's lifetimes
 * (garbage collection times):
 *
 * <ul>
 *   <li>{@code authcode}: 10 minutes + 9 hours, so that a reuse is still recognised;
 *   <li>{@code pkce} and {@code oidc}: 10 minutes + 1 minute;
 *   <li>{@code token-session}: the current access and refresh token of a login, until its refresh
 *       tokens end + 2 minutes. One Secret per login instead of Pinniped's one per token ({@code
 *       access-token}, {@code refresh-token}, still read by the garbage collector): a refresh is
 *       one update instead of two creates and two deletes.
 * </ul>
 *
 * Signatures are the HMAC parts of the opaque tokens: a stolen Secret does not give the token.
 */
public final class SessionStorage {
  public static final StorageType<AuthorizationCodeDocument> AUTHORIZATION_CODE =
      new StorageType<>("authcode", AuthorizationCodeDocument.class, StorageSchema.VERSION);
  public static final StorageType<RequestDocument> PKCE =
      new StorageType<>("pkce", RequestDocument.class, StorageSchema.VERSION);
  public static final StorageType<RequestDocument> OIDC_SESSION =
      new StorageType<>("oidc", RequestDocument.class, StorageSchema.VERSION);

  /**
   * Pinniped's one Secret per access token; not written, but collected (and revoked) when found.
   */
  public static final StorageType<RequestDocument> ACCESS_TOKEN =
      new StorageType<>("access-token", RequestDocument.class, StorageSchema.VERSION);

  /**
   * Pinniped's one Secret per refresh token; not written, but collected (and revoked) when found.
   */
  public static final StorageType<RequestDocument> REFRESH_TOKEN =
      new StorageType<>("refresh-token", RequestDocument.class, StorageSchema.VERSION);

  /**
   * The tokens of a login, one Secret per login (see {@link TokenSessionDocument}); named by the
   * request ID.
   */
  public static final StorageType<TokenSessionDocument> TOKEN_SESSION =
      new StorageType<>("token-session", TokenSessionDocument.class, StorageSchema.VERSION);

  /** The label of token Secrets naming their login. */
  public static final String REQUEST_ID_LABEL = "storage.pinniped.dev/request-id";

  private static final Duration AUTHORIZATION_CODE_GC =
      TokenLifetimes.AUTHORIZATION_CODE.plus(TokenLifetimes.REFRESH_TOKEN);
  private static final Duration SHORT_LIVED_GC =
      TokenLifetimes.AUTHORIZATION_CODE.plus(Duration.ofMinutes(1));

  /** Creates a store of one type. */
  @FunctionalInterface
  public interface StoreFactory {
    <T extends dev.pinnipedjava.supervisor.secretstore.VersionedShape> SecretStore<T> create(
        StorageType<T> type);
  }

  private final SecretStore<AuthorizationCodeDocument> authorizationCodes;
  private final SecretStore<RequestDocument> pkce;
  private final SecretStore<RequestDocument> oidcSessions;
  private final SecretStore<TokenSessionDocument> tokenSessions;
  private final Clock clock;

  public SessionStorage(StoreFactory stores, Clock clock) {
    this.authorizationCodes = stores.create(AUTHORIZATION_CODE);
    this.pkce = stores.create(PKCE);
    this.oidcSessions = stores.create(OIDC_SESSION);
    this.tokenSessions = stores.create(TOKEN_SESSION);
    this.clock = clock;
  }

  /** Storage in the Secrets of {@code namespace}. */
  public static SessionStorage kubernetes(
      KubernetesClient client, String namespace, Clock clock, ObjectMapper json) {
    return new SessionStorage(
        new StoreFactory() {
          @Override
          public <T extends dev.pinnipedjava.supervisor.secretstore.VersionedShape>
              SecretStore<T> create(StorageType<T> type) {
            return new KubernetesSecretStore<>(client, namespace, type, clock, json);
          }
        },
        clock);
  }

  /** Storage in memory, with the very Secrets the Kubernetes storage writes. */
  public static SessionStorage inMemory(Clock clock, ObjectMapper json) {
    return new SessionStorage(
        new StoreFactory() {
          @Override
          public <T extends dev.pinnipedjava.supervisor.secretstore.VersionedShape>
              SecretStore<T> create(StorageType<T> type) {
            return new InMemorySecretStore<>(type, clock, json);
          }
        },
        clock);
  }

  /** Stores a new authorization code's login, with its PKCE challenge and OIDC session. */
  public void createAuthorizationCode(String signature, AuthorizedRequest request) {
    // The short-lived documents first: a code is only usable once all three exist.
    pkce.create(signature, RequestDocument.of(request), Map.of(), List.of(), SHORT_LIVED_GC);
    oidcSessions.create(
        signature, RequestDocument.of(request), Map.of(), List.of(), SHORT_LIVED_GC);
    authorizationCodes.create(
        signature,
        AuthorizationCodeDocument.active(request),
        Map.of(),
        List.of(),
        AUTHORIZATION_CODE_GC);
  }

  public Optional<Stored<AuthorizationCodeDocument>> authorizationCode(String signature) {
    return authorizationCodes.get(signature);
  }

  /**
   * Marks a used code inactive.
   *
   * @throws dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException when another
   *     request used it meanwhile
   */
  public void invalidateAuthorizationCode(
      String signature, Stored<AuthorizationCodeDocument> stored) {
    authorizationCodes.update(signature, stored.resourceVersion(), stored.value().invalidated());
  }

  public Optional<AuthorizedRequest> pkce(String signature) {
    return pkce.get(signature).map(stored -> stored.value().request());
  }

  public Optional<AuthorizedRequest> oidcSession(String signature) {
    return oidcSessions.get(signature).map(stored -> stored.value().request());
  }

  /** Deletes the short-lived documents of a used code. */
  public void deleteCodeSessions(String signature) {
    pkce.delete(signature);
    oidcSessions.delete(signature);
  }

  /**
   * Stores the first tokens of a login (at code redemption).
   *
   * @throws dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException when the login has
   *     tokens already
   */
  public void createTokenSession(TokenSessionDocument tokens) {
    AuthorizedRequest login = tokens.request();
    tokenSessions.create(
        login.id(), tokens, Map.of(REQUEST_ID_LABEL, login.id()), List.of(), tokenLifetime(login));
  }

  /** The tokens of a login, with the resource version to rotate them. */
  public Optional<Stored<TokenSessionDocument>> tokenSession(String requestId) {
    return tokenSessions.get(requestId);
  }

  /**
   * Replaces the tokens of a login (at refresh), only if they did not change since read.
   *
   * @throws dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException when another
   *     request rotated them meanwhile
   */
  public void rotateTokenSession(String resourceVersion, TokenSessionDocument tokens) {
    tokenSessions.update(tokens.request().id(), resourceVersion, tokens);
  }

  /** The login of a current, unexpired access token with this signature. */
  public Optional<AuthorizedRequest> accessTokenLogin(String requestId, String signature) {
    return tokenSessions
        .get(requestId)
        .map(Stored::value)
        .filter(tokens -> tokens.isCurrentAccessToken(signature, clock.instant()))
        .map(TokenSessionDocument::request);
  }

  /** The access token's expiry if issued now. */
  public Instant accessTokenExpiry() {
    return clock.instant().plus(TokenLifetimes.ACCESS_TOKEN);
  }

  /** Revokes every access and refresh token of a login. */
  public void revokeTokens(String requestId) {
    tokenSessions.delete(requestId);
  }

  private Duration tokenLifetime(AuthorizedRequest request) {
    Instant end =
        request.refreshExpiresAt() == null
            ? clock.instant().plus(TokenLifetimes.REFRESH_TOKEN)
            : request.refreshExpiresAt();
    Duration left = Duration.between(clock.instant(), end);
    return (left.isNegative() ? Duration.ZERO : left).plus(TokenLifetimes.ACCESS_TOKEN);
  }
}
