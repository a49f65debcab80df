// SPDX-License-Identifier: GPL-3.0-or-later
// Reference peer for the benchmarks: Apache Lucene 8 (Debian's liblucene8-java)
// indexing JSONL abstracts in one thread and answering free-text queries by
// BM25, with the same inputs and the same output lines as peer_xapian and
// peer_sqlite (bench/peer_common.h).

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public final class PeerLucene {
  static final String USAGE =
      "usage: peer_lucene index --db DIR [FILE|-]\n"
          + "       peer_lucene search --db DIR QUERY_FILE [--limit N] [--warmup-s S]\n"
          + "index: title and abstract of each JSONL record into one text field\n"
          + "(StandardTokenizer, possessives, lower case, Porter stemmer, positions;\n"
          + "no stop words, as the other peers), id as a unique keyword, the record\n"
          + "stored; one thread, IndexWriter defaults (16 MB buffer, tiered merges).\n"
          + "search: one query per line in one process (classic QueryParser, default\n"
          + "operator OR, every syntax character but '\"' escaped), top N by BM25 with\n"
          + "the stored record; prints latency per query. The list is first run\n"
          + "untimed, again and again for S seconds (default 10; 0: no warm-up), so\n"
          + "that the JIT has compiled the search path before it is timed.\n";

  /** Lucene's own English chain without stop words, so every peer indexes every word. */
  static final class PeerAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream ts = new EnglishPossessiveFilter(source);
      ts = new LowerCaseFilter(ts);
      ts = new PorterStemFilter(ts);
      return new TokenStreamComponents(source, ts);
    }

    @Override
    public int getPositionIncrementGap(String field) {
      return 1;  // title and abstract are two values of one field
    }
  }

  /** The string members a peer needs of one flat JSON object. */
  static final class Record {
    String id = "", title = "", abstractText = "";
  }

  /**
   * Reads the top-level string members id, title and abstract of a JSON
   * object; other members of any type are skipped. Returns null when the line
   * is not a well-formed object (what the other peers count as bad).
   */
  static final class JsonLine {
    private final String s;
    private int i;

    JsonLine(String s) {
      this.s = s;
    }

    static Record parse(String line) {
      JsonLine p = new JsonLine(line);
      try {
        Record r = p.object();
        p.ws();
        return p.i == p.s.length() ? r : null;
      } catch (IllegalStateException | IndexOutOfBoundsException e) {
        return null;
      }
    }

    private void ws() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\uFEFF') break;
        ++i;
      }
    }

    private void expect(char c) {
      ws();
      if (s.charAt(i) != c) throw new IllegalStateException("expected " + c);
      ++i;
    }

    private Record object() {
      Record r = new Record();
      expect('{');
      ws();
      if (s.charAt(i) == '}') {
        ++i;
        return r;
      }
      while (true) {
        ws();
        String key = string();
        expect(':');
        ws();
        if (s.charAt(i) == '"') {
          String v = string();
          switch (key) {
            case "id": r.id = v; break;
            case "title": r.title = v; break;
            case "abstract": r.abstractText = v; break;
            default: break;
          }
        } else {
          skipValue();
        }
        ws();
        char c = s.charAt(i++);
        if (c == '}') return r;
        if (c != ',') throw new IllegalStateException("expected , or }");
      }
    }

    private String string() {
      if (s.charAt(i) != '"') throw new IllegalStateException("expected string");
      ++i;
      StringBuilder b = null;
      int start = i;
      while (true) {
        char c = s.charAt(i);
        if (c == '"') {
          String out = b == null ? s.substring(start, i) : b.append(s, start, i).toString();
          ++i;
          return out;
        }
        if (c < 0x20) throw new IllegalStateException("control character in string");
        if (c != '\\') {
          ++i;
          continue;
        }
        if (b == null) b = new StringBuilder();
        b.append(s, start, i);
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
          case '"': b.append('"'); break;
          case '\\': b.append('\\'); break;
          case '/': b.append('/'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'u':
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          default: throw new IllegalStateException("bad escape");
        }
        start = i;
      }
    }

    private void skipValue() {
      ws();
      char c = s.charAt(i);
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        ++i;
        ws();
        if (s.charAt(i) == close) {
          ++i;
          return;
        }
        while (true) {
          if (close == '}') {
            ws();
            string();
            expect(':');
          }
          skipValue();
          ws();
          char d = s.charAt(i++);
          if (d == close) return;
          if (d != ',') throw new IllegalStateException("expected , in container");
        }
      } else {
        int start = i;
        while (i < s.length() && "+-0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) ++i;
        if (i == start) throw new IllegalStateException("expected value");
      }
    }
  }

  static double now() {
    return System.nanoTime() / 1e9;
  }

  static BufferedReader open(String path) throws IOException {
    if (path.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    }
    return Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8);
  }

  static int index(String db, String input) throws IOException {
    double start = now();
    long n = 0, bad = 0, bytes = 0;
    IndexWriterConfig cfg = new IndexWriterConfig(new PeerAnalyzer());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    try (FSDirectory dir = FSDirectory.open(Paths.get(db));
        IndexWriter w = new IndexWriter(dir, cfg);
        BufferedReader in = open(input)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        // UTF-8 bytes of the line, as the C++ peers count them.
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        Record r = JsonLine.parse(line);
        if (r == null) {
          ++bad;
          continue;
        }
        Document doc = new Document();
        doc.add(new StringField("id", r.id, Field.Store.NO));
        doc.add(new TextField("text", r.title, Field.Store.NO));
        doc.add(new TextField("text", r.abstractText, Field.Store.NO));
        doc.add(new StoredField("data", line));
        w.updateDocument(new Term("id", r.id), doc);
        ++n;
      }
      w.commit();
    } catch (java.nio.file.NoSuchFileException e) {
      System.err.println("peer_lucene: cannot read " + input);
      return 1;
    }
    double secs = now() - start;
    System.out.printf(Locale.ROOT, "# indexed=%d bad=%d bytes=%d seconds=%.3f docs_per_s=%.1f%n",
        n, bad, bytes, secs, secs > 0 ? n / secs : 0.0);
    return 0;
  }

  /** Free text to classic QueryParser syntax: quotes kept, every other operator escaped. */
  static String escape(String q) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < q.length(); ++k) {
      char c = q.charAt(k);
      if ("\\+-!():^[]{}~*?|&/".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    // An unbalanced quote would be a syntax error: drop the last one.
    if (q.chars().filter(c -> c == '"').count() % 2 == 1) {
      int last = b.lastIndexOf("\"");
      b.deleteCharAt(last);
    }
    return b.toString().replace(" AND ", " and ").replace(" OR ", " or ").replace(" NOT ", " not ");
  }

  static double percentile(double[] v, double p) {
    if (v.length == 0) return 0;
    double[] s = v.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    if (rank < 1) rank = 1;
    return s[Math.min(rank, s.length) - 1];
  }

  static int search(String db, String queryFile, int limit, double warmupSecs) throws IOException {
    List<String> queries = new ArrayList<>();
    Path qp = Paths.get(queryFile);
    if (!Files.isReadable(qp)) {
      System.err.println("peer_lucene: cannot read " + queryFile);
      return 1;
    }
    for (String line : Files.readAllLines(qp, StandardCharsets.UTF_8)) {
      line = line.replaceAll("[\r ]+$", "");
      if (line.isEmpty() || line.charAt(0) == '#') continue;
      queries.add(line);
    }
    double start = now();
    try (FSDirectory dir = FSDirectory.open(Paths.get(db));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      QueryParser parser = new QueryParser("text", new PeerAnalyzer());
      double[] micros = new double[queries.size()];
      long[] hits = new long[queries.size()];
      long dataBytes = 0;
      int warmups = 0;
      double warmupEnd = now() + warmupSecs;
      for (boolean timed = warmupSecs <= 0; ; timed = now() >= warmupEnd) {
        if (!timed) ++warmups;
        for (int k = 0; k < queries.size(); ++k) {
          String q = queries.get(k);
          double t0 = now();
          long nhits;
          try {
            Query query = parser.parse(escape(q));
            TopDocs top = searcher.search(query, limit);
            for (ScoreDoc sd : top.scoreDocs) {
              dataBytes += searcher.doc(sd.doc).get("data").length();
            }
            nhits = top.totalHits.value;
          } catch (ParseException e) {
            if (timed) System.err.println("peer_lucene: query '" + q + "': " + e.getMessage());
            nhits = -1;
          }
          if (timed) {
            micros[k] = (now() - t0) * 1e6;
            hits[k] = nhits;
          }
        }
        if (timed) break;
      }
      StringBuilder out = new StringBuilder();
      double sum = 0;
      for (int k = 0; k < micros.length; ++k) {
        out.append(String.format(Locale.ROOT, "%.1f\t%d\t%s%n", micros[k], hits[k], queries.get(k)));
        sum += micros[k];
      }
      out.append(String.format(Locale.ROOT,
          "# queries=%d p50_us=%.1f p95_us=%.1f p99_us=%.1f mean_us=%.1f total_s=%.3f warmup_rounds=%d%n",
          micros.length, percentile(micros, 50), percentile(micros, 95), percentile(micros, 99),
          micros.length == 0 ? 0.0 : sum / micros.length, now() - start, warmups));
      System.out.print(out);
      System.err.println("peer_lucene: fetched " + dataBytes + " chars of stored records");
    }
    return 0;
  }

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.print(USAGE);
      System.exit(2);
    }
    String mode = args[0], db = null;
    int limit = 10;
    double warmupSecs = 10;
    List<String> positional = new ArrayList<>();
    try {
      for (int k = 1; k < args.length; ++k) {
        if (args[k].equals("--db") && k + 1 < args.length) {
          db = args[++k];
        } else if (args[k].equals("--limit") && k + 1 < args.length) {
          limit = Integer.parseInt(args[++k]);
        } else if (args[k].equals("--warmup-s") && k + 1 < args.length) {
          warmupSecs = Double.parseDouble(args[++k]);
        } else {
          positional.add(args[k]);
        }
      }
    } catch (NumberFormatException e) {
      db = null;
    }
    int rc = 2;
    try {
      if (db != null && mode.equals("index") && positional.size() <= 1) {
        rc = index(db, positional.isEmpty() ? "-" : positional.get(0));
      } else if (db != null && mode.equals("search") && positional.size() == 1) {
        rc = search(db, positional.get(0), limit, warmupSecs);
      } else {
        System.err.print(USAGE);
      }
    } catch (IOException e) {
      System.err.println("peer_lucene: " + e);
      rc = 1;
    }
    System.exit(rc);
  }
}
