// LuceneBench is the Lucene CJK baseline of `xinwen bench --lucene`: the
// bench compiles it at run time against Debian's Lucene jars and runs it as
// a child process, so that its peak RSS and CPU time are its own.
//
//   java LuceneBench index DIR CORPUS.jsonl.gz ZONE THREADS
//       prints {"articles":N,"seconds":S}
//   java LuceneBench query DIR QUERIES.tsv ZONE ROUNDS
//       prints {"totals":[...],"nanos":[[[...]...]...],"cpuNanos":[F,N]}
//
// Only the JDK and Lucene: the corpus's JSON is read by a small parser below
// because Debian's Lucene brings no JSON library and Maven is out of reach.

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
    static final String TITLE = "title", BODY = "body", CATEGORY = "category", MONTH = "month", DATE = "date", ID = "id";
    // Hits per page, as xinwen.DefaultSize; facet widths as xinwen's API:
    // the 20 most frequent categories and every month.
    static final int PAGE = 10, TOP_CATEGORIES = 20, ALL_MONTHS = 10000;

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("index")) {
            index(args[1], args[2], ZoneId.of(args[3]), Integer.parseInt(args[4]));
        } else if (args.length == 5 && args[0].equals("query")) {
            query(args[1], args[2], ZoneId.of(args[3]), Integer.parseInt(args[4]));
        } else {
            System.err.println("usage: LuceneBench index DIR CORPUS ZONE THREADS | query DIR QUERIES ZONE ROUNDS");
            System.exit(2);
        }
    }

    static FacetsConfig facetsConfig() {
        FacetsConfig fc = new FacetsConfig();
        fc.setMultiValued(CATEGORY, true); // every prefix of the path
        return fc;
    }

    // index reads the corpus with `threads` threads, each taking the next
    // line, parsing and adding it; then one forceMerge(1), as xinwen merges
    // its shards at the end.
    static void index(String dir, String corpus, ZoneId zone, int threads) throws Exception {
        long start = System.nanoTime();
        IndexWriterConfig iwc = new IndexWriterConfig(new CJKAnalyzer());
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        FacetsConfig fc = facetsConfig();
        AtomicInteger count = new AtomicInteger();
        try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), iwc);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(new FileInputStream(corpus), 1 << 16), StandardCharsets.UTF_8), 1 << 20)) {
            List<Thread> ts = new ArrayList<>();
            List<Throwable> errs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        String line;
                        while ((line = nextLine(in)) != null) {
                            if (line.isEmpty()) continue;
                            w.addDocument(fc.build(document(new Json(line).object(), zone)));
                            count.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        synchronized (errs) { errs.add(e); }
                    }
                });
                t.start();
                ts.add(t);
            }
            for (Thread t : ts) t.join();
            if (!errs.isEmpty()) throw new RuntimeException(errs.get(0));
            w.forceMerge(1);
            w.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"articles\":" + count.get() + ",\"seconds\":" + seconds + "}");
    }

    static String nextLine(BufferedReader in) throws IOException {
        synchronized (in) { return in.readLine(); }
    }

    @SuppressWarnings("unchecked")
    static Document document(Map<String, Object> a, ZoneId zone) {
        Document d = new Document();
        d.add(new StringField(ID, str(a.get(ID)), Field.Store.YES));
        d.add(new TextField(TITLE, str(a.get(TITLE)), Field.Store.YES));
        d.add(new TextField(BODY, str(a.get(BODY)), Field.Store.YES));
        Object cats = a.get("categories");
        if (cats instanceof List && !((List<Object>) cats).isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (Object c : (List<Object>) cats) {
                if (path.length() > 0) path.append('/');
                path.append(str(c));
                // A filter on a path matches its descendants, as xinwen's does.
                d.add(new StringField(CATEGORY, path.toString(), Field.Store.NO));
                d.add(new SortedSetDocValuesFacetField(CATEGORY, path.toString()));
            }
        }
        String date = str(a.get(DATE));
        if (!date.isEmpty()) {
            OffsetDateTime t = OffsetDateTime.parse(date);
            long ms = t.toInstant().toEpochMilli();
            d.add(new LongPoint(DATE, ms));
            d.add(new NumericDocValuesField(DATE, ms));
            d.add(new SortedSetDocValuesFacetField(MONTH, t.atZoneSameInstant(zone).format(DateTimeFormatter.ofPattern("yyyy-MM"))));
        }
        return d;
    }

    static String str(Object o) { return o instanceof String ? (String) o : ""; }

    // One line of the queries file: class, text, category, from and to in
    // epoch milliseconds (0: none), sort ("date" or ""), page; tab-separated.
    static final class Q {
        String text, category, sort;
        long from, to;
        int page;
    }

    static void query(String dir, String file, ZoneId zone, int rounds) throws Exception {
        List<Q> qs = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            Q q = new Q();
            q.text = f[1];
            q.category = f[2];
            q.from = Long.parseLong(f[3]);
            q.to = Long.parseLong(f[4]);
            q.sort = f[5];
            q.page = Integer.parseInt(f[6]);
            qs.add(q);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)))) {
            Searcher s = new Searcher(reader);
            long[] totals = new long[qs.size()];
            for (int i = 0; i < qs.size(); i++) totals[i] = s.search(qs.get(i), true); // warm-up
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long[][][] nanos = new long[2][rounds][qs.size()];
            long[] cpu = new long[2];
            for (int r = 0; r < rounds; r++) {
                for (int mode = 0; mode < 2; mode++) {
                    long c0 = os.getProcessCpuTime();
                    for (int i = 0; i < qs.size(); i++) {
                        long t0 = System.nanoTime();
                        s.search(qs.get(i), mode == 0);
                        nanos[mode][r][i] = System.nanoTime() - t0;
                    }
                    cpu[mode] += os.getProcessCpuTime() - c0;
                }
            }
            StringBuilder out = new StringBuilder("{\"totals\":");
            appendArray(out, totals);
            out.append(",\"nanos\":[");
            for (int mode = 0; mode < 2; mode++) {
                out.append(mode > 0 ? ",[" : "[");
                for (int r = 0; r < rounds; r++) {
                    if (r > 0) out.append(',');
                    appendArray(out, nanos[mode][r]);
                }
                out.append(']');
            }
            out.append("],\"cpuNanos\":");
            appendArray(out, cpu);
            System.out.println(out.append('}'));
        }
    }

    static void appendArray(StringBuilder b, long[] xs) {
        b.append('[');
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) b.append(',');
            b.append(xs[i]);
        }
        b.append(']');
    }

    // Searcher answers one query as xinwen's search does: a page of 10 hits
    // with highlighted title and body snippets, and with facets the
    // category and month counts over every hit.
    static final class Searcher {
        final IndexSearcher searcher;
        final SortedSetDocValuesReaderState state;
        final UnifiedHighlighter highlighter;
        final Analyzer analyzer = new CJKAnalyzer();
        final FacetsConfig config = facetsConfig();
        final Sort byDate = new Sort(new SortField(DATE, SortField.Type.LONG, true));

        Searcher(DirectoryReader reader) throws IOException {
            searcher = new IndexSearcher(reader);
            state = new DefaultSortedSetDocValuesReaderState(reader);
            highlighter = new UnifiedHighlighter(searcher, analyzer);
        }

        long search(Q q, boolean facets) throws Exception {
            Query query = build(q);
            int n = (q.page + 1) * PAGE;
            FacetsCollector fc = new FacetsCollector();
            TopDocs top;
            if (facets) {
                top = q.sort.equals("date")
                        ? FacetsCollector.search(searcher, query, n, byDate, fc)
                        : FacetsCollector.search(searcher, query, n, fc);
                Facets counts = new SortedSetDocValuesFacetCounts(state, fc);
                FacetResult cats = counts.getTopChildren(TOP_CATEGORIES, CATEGORY);
                FacetResult months = counts.getTopChildren(ALL_MONTHS, MONTH);
                if (cats == null && months == null && top.totalHits.value > 0 && state.getSize() > 0) {
                    throw new IllegalStateException("no facets for " + q.text);
                }
            } else {
                top = q.sort.equals("date") ? searcher.search(query, n, byDate) : searcher.search(query, n);
            }
            ScoreDoc[] page = top.scoreDocs;
            int from = Math.min(q.page * PAGE, page.length);
            int[] ids = new int[page.length - from];
            for (int i = from; i < page.length; i++) ids[i - from] = page[i].doc;
            if (ids.length > 0) {
                highlighter.highlightFields(new String[] {TITLE, BODY}, query, ids, new int[] {1, 2});
            }
            return top.totalHits.value;
        }

        // build parses the text with the classic QueryParser over title and
        // body, all terms required as in xinwen (a quoted phrase becomes a
        // PhraseQuery), and adds the category and dates as filters.
        Query build(Q q) throws Exception {
            MultiFieldQueryParser p = new MultiFieldQueryParser(new String[] {TITLE, BODY}, analyzer);
            p.setDefaultOperator(QueryParser.Operator.AND);
            String text = q.text;
            boolean quoted = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
            Query parsed = p.parse(quoted ? "\"" + QueryParser.escape(text.substring(1, text.length() - 1)) + "\"" : QueryParser.escape(text));
            if (q.category.isEmpty() && q.from == 0 && q.to == 0) return parsed;
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST);
            if (!q.category.isEmpty()) {
                b.add(new TermQuery(new Term(CATEGORY, q.category)), BooleanClause.Occur.FILTER);
            }
            if (q.from != 0 || q.to != 0) {
                long to = q.to == 0 ? Long.MAX_VALUE : q.to;
                b.add(LongPoint.newRangeQuery(DATE, q.from == 0 ? Long.MIN_VALUE : q.from, to), BooleanClause.Occur.FILTER);
            }
            return b.build();
        }
    }

    // Json reads the one-line objects bench writes: strings, arrays,
    // numbers, true/false/null; values other than strings and arrays of
    // strings are read and dropped.
    static final class Json {
        final String s;
        int i;

        Json(String s) { this.s = s; }

        Map<String, Object> object() {
            Map<String, Object> m = new HashMap<>();
            expect('{');
            ws();
            if (peek() == '}') { i++; return m; }
            while (true) {
                ws();
                String k = string();
                ws();
                expect(':');
                m.put(k, value());
                ws();
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw error("',' or '}'");
            }
        }

        Object value() {
            ws();
            char c = peek();
            if (c == '"') return string();
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek() == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    ws();
                    char d = s.charAt(i++);
                    if (d == ']') return l;
                    if (d != ',') throw error("',' or ']'");
                }
            }
            if (c == '{') return object();
            int start = i; // number, true, false, null
            while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) i++;
            if (start == i) throw error("a value");
            return null;
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e); // \" \\ \/
                }
            }
        }

        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        char peek() {
            if (i >= s.length()) throw error("more input");
            return s.charAt(i);
        }

        void expect(char c) {
            if (peek() != c) throw error("'" + c + "'");
            i++;
        }

        IllegalArgumentException error(String want) {
            return new IllegalArgumentException("json: want " + want + " at offset " + i);
        }
    }
}
