package dev.pinnipedjava.supervisor.testing;

import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainIdentityProvider;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSpec;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTLSSpec;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransforms;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds FederationDomains for tests. */
public final class TestFederationDomains {
  public static final String IDP_GROUP = "idp.supervisor.pinniped.dev";

  private String namespace = "supervisor";
  private String name = "fd";
  private String uid = "fd-uid";
  private String issuer = "https://issuer.example.com/path";
  private @Nullable String tlsSecretName;
  private final List<FederationDomainIdentityProvider> identityProviders = new ArrayList<>();

  private TestFederationDomains() {}

  public static TestFederationDomains federationDomain() {
    return new TestFederationDomains();
  }

  public TestFederationDomains namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public TestFederationDomains name(String name) {
    this.name = name;
    this.uid = name + "-uid";
    return this;
  }

  public TestFederationDomains issuer(String issuer) {
    this.issuer = issuer;
    return this;
  }

  public TestFederationDomains tlsSecretName(String tlsSecretName) {
    this.tlsSecretName = tlsSecretName;
    return this;
  }

  public TestFederationDomains identityProvider(String displayName, String kind, String name) {
    return identityProvider(displayName, IDP_GROUP, kind, name, null);
  }

  public TestFederationDomains identityProvider(
      String displayName,
      @Nullable String apiGroup,
      String kind,
      String name,
      @Nullable FederationDomainTransforms transforms) {
    identityProviders.add(
        new FederationDomainIdentityProvider(
            displayName, new TypedLocalObjectReference(apiGroup, kind, name), transforms));
    return this;
  }

  public FederationDomain build() {
    FederationDomain federationDomain = new FederationDomain();
    federationDomain.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid(uid)
            .withGeneration(1L)
            .build());
    federationDomain.setSpec(
        new FederationDomainSpec(
            issuer,
            tlsSecretName == null ? null : new FederationDomainTLSSpec(tlsSecretName),
            identityProviders.isEmpty() ? null : List.copyOf(identityProviders)));
    return federationDomain;
  }
}
