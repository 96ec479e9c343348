package dev.pinnipedjava.cli.execcredential;

import java.util.Arrays;
import java.util.Optional;

/** The ExecCredential API versions this plugin can answer in. */
public enum ExecCredentialVersion {
  V1("client.authentication.k8s.io/v1"),
  V1BETA1("client.authentication.k8s.io/v1beta1");

  /** Pinniped's own kubeconfigs ask for v1beta1, and it is the answer when kubectl says nothing. */
  public static final ExecCredentialVersion DEFAULT = V1BETA1;

  private final String apiVersion;

  ExecCredentialVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public static Optional<ExecCredentialVersion> fromApiVersion(String apiVersion) {
    return Arrays.stream(values()).filter(v -> v.apiVersion.equals(apiVersion)).findFirst();
  }
}
