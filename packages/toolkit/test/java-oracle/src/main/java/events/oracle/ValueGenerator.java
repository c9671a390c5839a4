package events.oracle;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Values of a writer schema: edge values first (value i takes edge i of every leaf, cycling, so every leaf meets
 * each of its edges, every enum symbol and every union branch), then `count` random ones from a seeded Random.
 * Longs beyond what a JavaScript number or Date holds (±2^53, a timestamp-millis beyond ±8.64e15) get edge values
 * of their own, all such leaves at once: the toolkit refuses a whole value for one of them, and the other edges
 * are then still compared. Logical types get values of their underlying type that fit them (uuid text, decimals
 * within their precision).
 */
final class ValueGenerator {
  private static final long P52 = 1L << 52;
  private static final long P53 = 1L << 53;
  /** Past this depth a recursive type takes its null branch or an empty collection. */
  private static final int MAX_DEPTH = 4;

  private static final int[] INTS = {
    0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 63, 64, -64, -65, 16_777_217, -16_777_217, 889_943_659,
    100_000_000, 100_000_001, -100_000_001, 2_000_000_000, -2_000_000_000, 19_700,
  };
  private static final long DATE_MS = 8_640_000_000_000_000L;
  private static final long[] LONGS = {
    0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, -(1L << 31) - 1, P52 - 1, P52, P52 + 1, -P52 + 1,
    -P52, -P52 - 1, -6_238_720_486_606_013L, -4_503_599_627_370_497L, 1_700_000_000_000L, 16_777_217L, DATE_MS,
    -DATE_MS, P53 - 1, -P53 + 1,
  };
  private static final long[] HUGE_LONGS = {
    Long.MAX_VALUE, Long.MIN_VALUE, P53, P53 + 1, -P53, -P53 - 1, 1L << 62, DATE_MS + 1, -DATE_MS - 1,
    1_234_567_890_123_456_789L,
  };
  private static final float[] FLOATS = {
    0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
    -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 0.1f, 16_777_216f, 1.5e-30f,
  };
  private static final double[] DOUBLES = {
    0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
    -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 0.1, 9_007_199_254_740_992d, 9_007_199_254_740_994d,
    -9_007_199_254_740_994d, 1e300, 123456.789,
  };
  private static final String[] STRINGS = {
    "", "a", "é", "日本語テキスト", "😀👍🏽", "\u0000nul", "line\nbreak \"quoted\" \\ tab\t", "Ω≈ç√∫ ß",
    "\uD7FF\uE000\uFFFD", "x".repeat(300),
  };
  private static final String[] UUIDS = {
    "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
  };
  private static final String[][] MAP_KEYS = {{}, {"k"}, {"", "é"}, {"a", "b", "日本"}};
  private static final String RANDOM_CHARS = "abcXYZ019 _-.éüßΩ日本語😀👍";

  private final Random random;

  ValueGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** Which values of a long a leaf takes: its own edges (a timestamp's within a Date's range) or the huge ones. */
  private boolean huge;

  List<Object> values(Schema schema, int count) {
    List<Object> values = new ArrayList<>();
    int edges = edgeCount(schema, new HashSet<>());
    for (int i = 0; i < edges; i++) values.add(value(schema, i, 0));
    huge = true;
    int hugeEdges = hasLong(schema, new HashSet<>()) ? HUGE_LONGS.length + 2 : 0;
    for (int i = 0; i < hugeEdges; i++) values.add(value(schema, i, 0));
    huge = false;
    for (int i = 0; i < count; i++) values.add(value(schema, -1, 0));
    return values;
  }

  private static boolean hasLong(Schema schema, Set<String> seen) {
    return switch (schema.getType()) {
      case LONG -> true;
      case RECORD -> seen.add(schema.getFullName())
          && schema.getFields().stream().anyMatch(field -> hasLong(field.schema(), seen));
      case ARRAY -> hasLong(schema.getElementType(), seen);
      case MAP -> hasLong(schema.getValueType(), seen);
      case UNION -> schema.getTypes().stream().anyMatch(branch -> hasLong(branch, seen));
      default -> false;
    };
  }

  private static boolean isTimestampMillis(Schema schema) {
    return schema.getLogicalType() != null && schema.getLogicalType().getName().equals("timestamp-millis");
  }

  /** A long's edge: the huge ones in their own values; a timestamp's beyond a Date's range among them too. */
  private static long longEdge(Schema schema, int edge, boolean huge) {
    if (!huge) {
      long value = LONGS[edge % LONGS.length];
      return isTimestampMillis(schema) && Math.abs(value) > DATE_MS ? 0 : value;
    }
    int index = edge % (HUGE_LONGS.length + 2);
    if (index < HUGE_LONGS.length) return HUGE_LONGS[index];
    // P53 - 1 and -P53 + 1: exact as numbers, beyond a Date.
    return isTimestampMillis(schema) ? (index == HUGE_LONGS.length ? P53 - 1 : -P53 + 1) : 0;
  }

  /** How many values it takes for every leaf to meet each of its edges once. */
  private static int edgeCount(Schema schema, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) return 1;
        int max = 1;
        for (Schema.Field field : schema.getFields()) max = Math.max(max, edgeCount(field.schema(), seen));
        return max;
      }
      case ARRAY -> {
        return Math.max(MAP_KEYS.length, edgeCount(schema.getElementType(), seen));
      }
      case MAP -> {
        return Math.max(MAP_KEYS.length, edgeCount(schema.getValueType(), seen));
      }
      case UNION -> {
        int max = schema.getTypes().size();
        for (Schema branch : schema.getTypes()) max = Math.max(max, edgeCount(branch, seen));
        return max;
      }
      case ENUM -> {
        return schema.getEnumSymbols().size();
      }
      default -> {
        return edgesOf(schema);
      }
    }
  }

  private static int edgesOf(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal) return 8;
    if (logical != null && logical.getName().equals("uuid")) return UUIDS.length;
    return switch (schema.getType()) {
      case INT -> INTS.length;
      case LONG -> LONGS.length;
      case FLOAT -> FLOATS.length;
      case DOUBLE -> DOUBLES.length;
      case STRING -> STRINGS.length;
      case BYTES, FIXED -> 6;
      case BOOLEAN -> 2;
      default -> 1;
    };
  }

  /** Edge value `edge` of the schema, or a random one when edge is -1. */
  private Object value(Schema schema, int edge, int depth) {
    // A recursive type with no null branch or empty collection on the way has no finite value at all.
    if (depth > 40) throw new IllegalArgumentException("the writer schema has no finite value (recursive without an exit)");
    boolean edgy = edge >= 0;
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) return decimal(schema, decimal, edge);
    if (logical != null && logical.getName().equals("uuid") && schema.getType() == Schema.Type.STRING)
      return edgy ? UUIDS[edge % UUIDS.length] : new UUID(random.nextLong(), random.nextLong()).toString();
    switch (schema.getType()) {
      case NULL -> {
        return null;
      }
      case BOOLEAN -> {
        return edgy ? edge % 2 == 1 : random.nextBoolean();
      }
      case INT -> {
        if (edgy) return INTS[edge % INTS.length];
        return switch (random.nextInt(3)) {
          case 0 -> random.nextInt();
          case 1 -> random.nextInt(2001) - 1000;
          default -> logical != null ? random.nextInt(200_000) - 100_000 : random.nextInt(1 << 20);
        };
      }
      case LONG -> {
        if (edgy) return longEdge(schema, edge, huge);
        // Mostly longs a JavaScript number (and a timestamp's Date) holds: the toolkit refuses a whole value for one
        // that it does not, so the value's other fields would go uncompared.
        int pick = random.nextInt(20);
        if (pick == 0) return random.nextLong();
        if (pick == 1) return (random.nextBoolean() ? P53 : -P53) + random.nextInt(5) - 2;
        if (pick < 6) {
          long magnitude = P52 + (random.nextLong() & (P52 - 1));
          if (isTimestampMillis(schema)) magnitude = Math.min(magnitude, DATE_MS - random.nextInt(1000));
          return (random.nextBoolean() ? 1 : -1) * magnitude;
        }
        if (pick < 12) return (long) (random.nextInt(2001) - 1000);
        return 1_700_000_000_000L + random.nextInt();
      }
      case FLOAT -> {
        if (edgy) return FLOATS[edge % FLOATS.length];
        return random.nextBoolean() ? (random.nextFloat() - 0.5f) * 2e6f : Float.intBitsToFloat(random.nextInt());
      }
      case DOUBLE -> {
        if (edgy) return DOUBLES[edge % DOUBLES.length];
        return random.nextBoolean()
            ? (random.nextDouble() - 0.5) * 2e12
            : Double.longBitsToDouble(random.nextLong());
      }
      case STRING -> {
        return edgy ? STRINGS[edge % STRINGS.length] : randomText(random.nextInt(13));
      }
      case BYTES -> {
        return ByteBuffer.wrap(bytes(edgy ? edge : -1, edgy ? edgeBytesLength(edge) : random.nextInt(9)));
      }
      case FIXED -> {
        return new GenericData.Fixed(schema, bytes(edge, schema.getFixedSize()));
      }
      case ENUM -> {
        List<String> symbols = schema.getEnumSymbols();
        String symbol = symbols.get(edgy ? edge % symbols.size() : random.nextInt(symbols.size()));
        return new GenericData.EnumSymbol(schema, symbol);
      }
      case ARRAY -> {
        int size = depth >= MAX_DEPTH ? 0 : edgy ? edge % MAP_KEYS.length : random.nextInt(4);
        List<Object> items = new GenericData.Array<>(size, schema);
        for (int i = 0; i < size; i++)
          items.add(value(schema.getElementType(), edgy ? edge + i : -1, depth + 1));
        return items;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        if (depth >= MAX_DEPTH) return map;
        if (edgy) {
          String[] keys = MAP_KEYS[edge % MAP_KEYS.length];
          for (int i = 0; i < keys.length; i++) map.put(keys[i], value(schema.getValueType(), edge + i, depth + 1));
        } else {
          int size = random.nextInt(4);
          for (int i = 0; i < size; i++) map.put(randomText(1 + random.nextInt(6)), value(schema.getValueType(), -1, depth + 1));
        }
        return map;
      }
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) record.put(field.pos(), value(field.schema(), edge, depth + 1));
        return record;
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        int index = edgy ? edge % branches.size() : random.nextInt(branches.size());
        if (depth >= MAX_DEPTH) {
          for (int i = 0; i < branches.size(); i++) if (branches.get(i).getType() == Schema.Type.NULL) index = i;
        }
        return value(branches.get(index), edge, depth + 1);
      }
    }
    throw new IllegalArgumentException("no values for " + schema);
  }

  private static int edgeBytesLength(int edge) {
    return new int[] {0, 1, 1, 2, 16, 300}[edge % 6];
  }

  /** Edge bytes: zeros, 0xff, a high bit, a pattern; random ones when edge is -1. */
  private byte[] bytes(int edge, int length) {
    byte[] bytes = new byte[length];
    if (edge < 0) {
      random.nextBytes(bytes);
      return bytes;
    }
    for (int i = 0; i < length; i++) {
      bytes[i] = switch (edge % 6) {
        case 0 -> 0;
        case 1, 4 -> (byte) 0xff;
        case 2 -> (byte) (i == 0 ? 0x80 : 0);
        case 3 -> (byte) (i == 0 ? 0x7f : 0xff);
        default -> (byte) (i * 37);
      };
    }
    return bytes;
  }

  /** An unscaled value within the decimal's precision (and fixed size), as Avro's DecimalConversion writes it. */
  private Object decimal(Schema schema, LogicalTypes.Decimal decimal, int edge) {
    int digits = decimal.getPrecision();
    if (schema.getType() == Schema.Type.FIXED) {
      int fits = (int) Math.floor(Math.log10(2) * (8 * schema.getFixedSize() - 1));
      digits = Math.min(digits, fits);
    }
    BigInteger max = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
    BigInteger unscaled;
    if (edge >= 0) {
      BigInteger tenth = BigInteger.TEN.pow(Math.max(0, digits - 1));
      unscaled = switch (edge % 8) {
        case 0 -> BigInteger.ZERO;
        case 1 -> BigInteger.ONE;
        case 2 -> BigInteger.ONE.negate();
        case 3 -> max;
        case 4 -> max.negate();
        case 5 -> tenth;
        case 6 -> tenth.negate();
        default -> BigInteger.valueOf(12_345).min(max);
      };
    } else {
      unscaled = new BigInteger(max.bitLength() + 8, random).mod(max.add(BigInteger.ONE));
      if (random.nextBoolean()) unscaled = unscaled.negate();
    }
    byte[] minimal = unscaled.toByteArray();
    if (schema.getType() == Schema.Type.BYTES) return ByteBuffer.wrap(minimal);
    byte[] sized = new byte[schema.getFixedSize()];
    byte fill = (byte) (unscaled.signum() < 0 ? 0xff : 0);
    int offset = sized.length - minimal.length;
    for (int i = 0; i < sized.length; i++) sized[i] = i < offset ? fill : minimal[i - offset];
    return new GenericData.Fixed(schema, sized);
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder();
    int[] points = RANDOM_CHARS.codePoints().toArray();
    for (int i = 0; i < length; i++) text.appendCodePoint(points[random.nextInt(points.length)]);
    return new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
