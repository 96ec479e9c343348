package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import com.google.protobuf.NullValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A token's claims as CEL values: JSON integers become {@code int}, other numbers {@code double},
 * JSON null CEL's {@code null}.
 */
public record CelClaims(Map<String, Object> values) {

  /**
   * @param json the claims as parsed JSON (for example Nimbus' {@code JWTClaimsSet.toJSONObject()})
   */
  public static CelClaims of(Map<String, ?> json) {
    return new CelClaims(object(json));
  }

  private static Map<String, Object> object(Map<?, ?> json) {
    Map<String, Object> values = new LinkedHashMap<>();
    json.forEach((key, value) -> values.put(String.valueOf(key), value(value)));
    return values;
  }

  private static Object value(@Nullable Object json) {
    if (json == null) {
      return NullValue.NULL_VALUE;
    }
    if (json instanceof Map<?, ?> map) {
      return object(map);
    }
    if (json instanceof List<?> list) {
      List<Object> values = new ArrayList<>(list.size());
      list.forEach(element -> values.add(value(element)));
      return values;
    }
    if (json instanceof Integer || json instanceof Short || json instanceof Byte) {
      return ((Number) json).longValue();
    }
    if (json instanceof Long || json instanceof Boolean || json instanceof String) {
      return json;
    }
    if (json instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (json instanceof Number number) {
      return number.doubleValue();
    }
    return String.valueOf(json);
  }
}
