package dev.pinnipedjava.concierge.kubecertagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What {@code pinniped-concierge-kube-cert-agent print} writes: JSON with the base64 of the signing
 * certificate's and key's files, {@code {"tls.crt": ..., "tls.key": ...}}.
 *
 * @param certificatePem the CA certificate, PEM
 * @param privateKeyPem its private key, PEM
 */
public record SigningKeyOutput(String certificatePem, String privateKeyPem) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Holds a CA key: never printed. */
  @Override
  public String toString() {
    return "SigningKeyOutput[certificatePem=" + certificatePem + ", privateKeyPem=<redacted>]";
  }

  /**
   * Decodes the command's output.
   *
   * @param pod {@code namespace/name} of the agent pod, for messages
   * @throws IllegalArgumentException with Pinniped's message
   */
  public static SigningKeyOutput parse(String output, String pod) {
    JsonNode json;
    try {
      json = JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "failed to decode signing cert/key JSON from agent pod "
              + pod
              + ": "
              + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          "failed to decode signing cert/key JSON from agent pod " + pod + ": not a JSON object");
    }
    return new SigningKeyOutput(
        decode(json.path("tls.crt").asText(""), "cert", pod),
        decode(json.path("tls.key").asText(""), "key", pod));
  }

  private static String decode(String base64, String what, String pod) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "failed to decode signing "
              + what
              + " base64 from agent pod "
              + pod
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
