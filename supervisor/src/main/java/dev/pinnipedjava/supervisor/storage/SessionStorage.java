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
 *   <li>{@code access-token} and {@code refresh-token}: until the refresh tokens end + 2 minutes,
 *       labelled with the request ID so that every token of a login can be revoked at once.
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
  public static final StorageType<RequestDocument> ACCESS_TOKEN =
      new StorageType<>("access-token", RequestDocument.class, StorageSchema.VERSION);
  public static final StorageType<RequestDocument> REFRESH_TOKEN =
      new StorageType<>("refresh-token", RequestDocument.class, StorageSchema.VERSION);

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
  private final SecretStore<RequestDocument> accessTokens;
  private final SecretStore<RequestDocument> refreshTokens;
  private final Clock clock;

  public SessionStorage(StoreFactory stores, Clock clock) {
    this.authorizationCodes = stores.create(AUTHORIZATION_CODE);
    this.pkce = stores.create(PKCE);
    this.oidcSessions = stores.create(OIDC_SESSION);
    this.accessTokens = stores.create(ACCESS_TOKEN);
    this.refreshTokens = stores.create(REFRESH_TOKEN);
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

  /** Stores an access token, usable for {@link TokenLifetimes#ACCESS_TOKEN} from now. */
  public void createAccessToken(String signature, AuthorizedRequest request) {
    accessTokens.create(
        signature,
        RequestDocument.expiring(request, clock.instant().plus(TokenLifetimes.ACCESS_TOKEN)),
        Map.of(REQUEST_ID_LABEL, request.id()),
        List.of(),
        tokenLifetime(request));
  }

  public void createRefreshToken(String signature, AuthorizedRequest request) {
    refreshTokens.create(
        signature,
        RequestDocument.of(request),
        Map.of(REQUEST_ID_LABEL, request.id()),
        List.of(),
        tokenLifetime(request));
  }

  /** The login of an access token that has not expired. */
  public Optional<AuthorizedRequest> accessToken(String signature) {
    return accessTokens
        .get(signature)
        .map(Stored::value)
        .filter(
            document ->
                document.expiresAt() != null && clock.instant().isBefore(document.expiresAt()))
        .map(RequestDocument::request);
  }

  public Optional<AuthorizedRequest> refreshToken(String signature) {
    return refreshTokens.get(signature).map(stored -> stored.value().request());
  }

  /**
   * Deletes one refresh token.
   *
   * @return false when it was gone already (another refresh used it)
   */
  public boolean deleteRefreshToken(String signature) {
    return refreshTokens.delete(signature);
  }

  /** Revokes every access and refresh token of a login. */
  public void revokeTokens(String requestId) {
    accessTokens.deleteByLabel(REQUEST_ID_LABEL, requestId);
    refreshTokens.deleteByLabel(REQUEST_ID_LABEL, requestId);
  }

  /** Revokes the access tokens of a login (on refresh, which issues a new one). */
  public void revokeAccessTokens(String requestId) {
    accessTokens.deleteByLabel(REQUEST_ID_LABEL, requestId);
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
