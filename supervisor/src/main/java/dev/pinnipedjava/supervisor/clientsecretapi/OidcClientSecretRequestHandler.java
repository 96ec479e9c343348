package dev.pinnipedjava.supervisor.clientsecretapi;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateContext;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateHandler;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateOutcome;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequest;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequestSpec;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequestStatus;
import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.oidcclient.OidcClients;
import dev.pinnipedjava.supervisor.secretstore.SecretStore;
import dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException;
import dev.pinnipedjava.supervisor.secretstore.SecretStoreException;
import dev.pinnipedjava.supervisor.secretstore.Stored;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Creates OIDCClientSecretRequests (Pinniped's {@code clientsecretrequest} REST storage): generates
 * a secret (32 random bytes, hex) and stores its bcrypt hash first in the client's list, and/or
 * revokes all but the newest. The plaintext secret is in the response only. At most {@value
 * ClientSecretStorage#MAX_SECRETS} secrets are kept.
 */
public final class OidcClientSecretRequestHandler
    implements CreateHandler<OIDCClientSecretRequest> {
  private static final Logger LOG = Logger.getLogger(OidcClientSecretRequestHandler.class);

  /** Pinniped's cost for new hashes. */
  static final int COST = Bcrypt.MIN_COST;

  private final ApiResource resource;
  private final String namespace;
  private final OidcClientLookup clients;
  private final SecretStore<ClientSecretDocument> store;
  private final Bcrypt bcrypt;
  private final SecureRandom random;
  private final Clock clock;
  private final AuditLog audit;

  /** Finds an OIDCClient by name, fresh from the API server. */
  public interface OidcClientLookup {
    Optional<HasMetadata> find(String name);
  }

  /**
   * @param namespace the Supervisor's namespace: the only one requests may be made in
   */
  public OidcClientSecretRequestHandler(
      ApiResource resource,
      String namespace,
      OidcClientLookup clients,
      SecretStore<ClientSecretDocument> store,
      SecureRandom random,
      Clock clock,
      AuditLog audit) {
    this.resource = resource;
    this.namespace = namespace;
    this.clients = clients;
    this.store = store;
    this.bcrypt = new Bcrypt(random);
    this.random = random;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  public ApiResource resource() {
    return resource;
  }

  @Override
  public Class<OIDCClientSecretRequest> objectType() {
    return OIDCClientSecretRequest.class;
  }

  @Override
  public CreateOutcome create(OIDCClientSecretRequest request, CreateContext context) {
    ObjectMeta metadata = request.getMetadata() == null ? new ObjectMeta() : request.getMetadata();
    String name = metadata.getName() == null ? "" : metadata.getName();
    ApiError invalid = validate(metadata, name, context);
    if (invalid != null) {
      return new CreateOutcome.Failed(invalid);
    }
    Optional<HasMetadata> client = clients.find(name);
    if (client.isEmpty()) {
      return failed(
          ApiError.invalid(
              resource,
              name,
              List.of(
                  new ApiError.Cause(
                      "FieldValueNotFound", "metadata.name", "Not found: \"" + name + "\""))));
    }
    OIDCClientSecretRequestSpec spec =
        request.getSpec() == null
            ? new OIDCClientSecretRequestSpec(false, false)
            : request.getSpec();
    String uid = client.get().getMetadata().getUid();
    String signature = ClientSecretStorage.signature(uid);
    Optional<Stored<ClientSecretDocument>> stored;
    try {
      stored = store.get(signature);
    } catch (SecretStoreException e) {
      LOG.errorf("cannot read the secrets of client %s: %s", name, e.getMessage());
      return failed(ApiError.internalError());
    }
    List<String> hashes =
        new ArrayList<>(stored.map(found -> found.value().hashes()).orElse(List.of()));

    String generated = null;
    if (spec.generateNewSecret()) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      generated = HexFormat.of().formatHex(bytes);
      hashes.add(0, bcrypt.hash(generated, COST));
    }
    boolean revoke = spec.revokeOldSecrets() && !hashes.isEmpty();
    if (revoke) {
      hashes = new ArrayList<>(hashes.subList(0, 1));
    }
    if (spec.generateNewSecret() || revoke) {
      if (hashes.size() > ClientSecretStorage.MAX_SECRETS) {
        return failed(
            ApiError.badRequest(
                "OIDCClient "
                    + name
                    + " has too many secrets, spec.revokeOldSecrets must be true"));
      }
      try {
        if (stored.isPresent()) {
          store.update(signature, stored.get().resourceVersion(), ClientSecretDocument.of(hashes));
        } else {
          store.create(
              signature,
              ClientSecretDocument.of(hashes),
              Map.of(),
              List.of(ownerReference(client.get())),
              null);
        }
      } catch (SecretStoreConflictException e) {
        return failed(
            ApiError.conflict(
                resource, name, "multiple concurrent secret generation requests for same client"));
      } catch (SecretStoreException e) {
        LOG.errorf("cannot store the secrets of client %s: %s", name, e.getMessage());
        return failed(ApiError.internalError());
      }
      audit.record(
          AuditEvent.OIDC_CLIENT_SECRET_REQUEST_UPDATED_SECRETS,
          context.auditId(),
          Map.of(
              "clientID", name,
              "generatedNewSecret", spec.generateNewSecret(),
              "revokedOldSecrets", revoke));
    }

    OIDCClientSecretRequest response = new OIDCClientSecretRequest();
    response.setApiVersion(resource.groupVersion().apiVersion());
    response.setKind(resource.kind());
    ObjectMeta responseMetadata = new ObjectMeta();
    responseMetadata.setName(name);
    responseMetadata.setNamespace(context.namespace());
    responseMetadata.setCreationTimestamp(
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    response.setMetadata(responseMetadata);
    response.setSpec(spec);
    response.setStatus(new OIDCClientSecretRequestStatus(generated, hashes.size()));
    return new CreateOutcome.Created(response);
  }

  /** Why the request may not be served, or null when it may. */
  private @Nullable ApiError validate(ObjectMeta metadata, String name, CreateContext context) {
    if (KubernetesUser.ANONYMOUS_NAME.equals(context.caller().name())) {
      return ApiError.forbidden(
          resource, name, "User \"" + KubernetesUser.ANONYMOUS_NAME + "\" cannot create it");
    }
    String objectNamespace = metadata.getNamespace();
    if (objectNamespace != null
        && !objectNamespace.isEmpty()
        && !objectNamespace.equals(context.namespace())) {
      return ApiError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the"
              + " request");
    }
    if (!context.namespace().equals(namespace)) {
      return ApiError.badRequest(
          "namespace must be "
              + namespace
              + " on OIDCClientSecretRequest, was "
              + context.namespace());
    }
    List<ApiError.Cause> causes = new ArrayList<>();
    if (metadata.getGenerateName() != null && !metadata.getGenerateName().isEmpty()) {
      causes.add(
          new ApiError.Cause(
              "FieldValueInvalid",
              "metadata.generateName",
              "Invalid value: \""
                  + metadata.getGenerateName()
                  + "\": generateName is not supported"));
    }
    if (name.isEmpty()) {
      causes.add(
          new ApiError.Cause(
              "FieldValueRequired",
              "metadata.name",
              "Required value: name or generateName is required"));
    } else {
      for (String problem : nameProblems(name)) {
        causes.add(
            new ApiError.Cause(
                "FieldValueInvalid",
                "metadata.name",
                "Invalid value: \"" + name + "\": " + problem));
      }
    }
    causes.addAll(context.dryRunCauses());
    return causes.isEmpty() ? null : ApiError.invalid(resource, name, causes);
  }

  private static List<String> nameProblems(String name) {
    List<String> problems = new ArrayList<>();
    if (name.equals(OidcClients.NAME_PREFIX)) {
      problems.add("must not equal '" + OidcClients.NAME_PREFIX + "'");
    }
    if (!name.startsWith(OidcClients.NAME_PREFIX)) {
      problems.add("must start with '" + OidcClients.NAME_PREFIX + "'");
    }
    if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
      problems.add("may not be '.', '..' or contain '/' or '%'");
    }
    return problems;
  }

  private static OwnerReference ownerReference(HasMetadata client) {
    return new OwnerReferenceBuilder()
        .withApiVersion(client.getApiVersion())
        .withKind(client.getKind())
        .withName(client.getMetadata().getName())
        .withUid(client.getMetadata().getUid())
        .build();
  }

  private static CreateOutcome failed(ApiError error) {
    return new CreateOutcome.Failed(error);
  }
}
