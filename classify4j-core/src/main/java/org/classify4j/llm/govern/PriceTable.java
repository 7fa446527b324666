package org.classify4j.llm.govern;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.classify4j.llm.Usage;

/**
 * Prices per million tokens by model, configured by the user (prices change; none are built in).
 * A model id {@code provider:name@host} is looked up as itself, then as {@code name@host}, then as
 * {@code name}, then as {@code *}.
 */
public final class PriceTable {
  /** Price of a million prompt (input) and completion (output) tokens. */
  public record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
      if (inputPerMillion < 0 || outputPerMillion < 0) {
        throw new IllegalArgumentException("prices must be ≥ 0");
      }
    }

    public double cost(Usage u) {
      return (u.promptTokens() * inputPerMillion + u.completionTokens() * outputPerMillion) / 1e6;
    }

    public double cost(long promptTokens, long completionTokens) {
      return cost(new Usage(promptTokens, completionTokens));
    }
  }

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  public static PriceTable of(Map<String, Price> prices) {
    return new PriceTable(prices);
  }

  /** From {@code {"gpt-4o-mini": {"input": 0.15, "output": 0.6}, ...}} (JSON-compatible maps). */
  public static PriceTable fromMap(Map<String, ?> json) {
    Map<String, Price> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : json.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("price of '" + e.getKey() + "' must be an object");
      }
      out.put(e.getKey(), new Price(num(m.get("input"), e.getKey()), num(m.get("output"), e.getKey())));
    }
    return new PriceTable(out);
  }

  private static double num(Object o, String model) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("price of '" + model + "' needs numbers 'input' and 'output'");
  }

  public PriceTable with(String model, Price price) {
    Map<String, Price> m = new LinkedHashMap<>(prices);
    m.put(model, price);
    return new PriceTable(m);
  }

  public Optional<Price> find(String modelId) {
    Price p = prices.get(modelId);
    String name = modelId.indexOf(':') >= 0 ? modelId.substring(modelId.indexOf(':') + 1) : modelId;
    if (p == null) {
      p = prices.get(name);
    }
    if (p == null && name.lastIndexOf('@') > 0) {
      p = prices.get(name.substring(0, name.lastIndexOf('@')));
    }
    if (p == null) {
      p = prices.get("*");
    }
    return Optional.ofNullable(p);
  }

  /** The cost of {@code usage} on {@code modelId}, 0 when the model has no price. */
  public double cost(String modelId, Usage usage) {
    return find(modelId).map(p -> p.cost(usage)).orElse(0.0);
  }
}
