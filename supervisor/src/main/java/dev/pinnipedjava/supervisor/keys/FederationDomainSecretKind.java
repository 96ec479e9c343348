package dev.pinnipedjava.supervisor.keys;

import dev.pinnipedjava.api.reference.LocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSecrets;
import java.security.SecureRandom;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One kind of key a FederationDomain owns in a Secret of its own: how the Secret is named and
 * typed, how its data is made and checked, which {@code status.secrets} field names it, and which
 * part of {@link FederationDomainKeys} it fills.
 */
public interface FederationDomainSecretKind {
  /** The name of the controller that keeps this kind, for logs. */
  String controllerName();

  /** The Secret {@code type}; the controller watches Secrets of this type only. */
  String secretType();

  String secretName(FederationDomain federationDomain);

  /** The field of {@code status.secrets} that names the Secret. */
  String statusField();

  /** What that field holds now. */
  @Nullable LocalObjectReference statusReference(@Nullable FederationDomainSecrets secrets);

  /** New Secret data, decoded. */
  Map<String, byte[]> generate(SecureRandom random);

  /** Whether decoded Secret data is usable; unusable data is replaced by new data. */
  boolean isValid(Map<String, byte[]> data);

  /** {@code keys} with the keys of valid {@code data}. */
  FederationDomainKeys publish(FederationDomainKeys keys, Map<String, byte[]> data);

  /** {@code keys} without this kind's keys. */
  FederationDomainKeys withdraw(FederationDomainKeys keys);
}
