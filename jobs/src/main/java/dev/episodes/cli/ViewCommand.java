package dev.episodes.cli;

import dev.episodes.inspect.DatasetInspector;
import dev.episodes.inspect.DatasetOverview;
import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.EpisodeTimeline;
import dev.episodes.inspect.PartitionSummary;
import dev.episodes.storage.Store;
import dev.episodes.view.EpisodeHtml;
import dev.episodes.view.EpisodePage;
import dev.episodes.view.OverviewHtml;
import dev.episodes.view.OverviewPage;
import dev.episodes.view.PageNames;
import dev.episodes.writing.DatasetLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Write HTML pages to look at a dataset: one episode with its frames, masks, pointer and "
                + "steps (--episode), or an overview with plots (aggregates only) and a few sample episode pages "
                + "beside it. Each page is one self-contained file: open it from disk, mail it; nothing is fetched.",
                "Reads through the manifests, like inspect. Exit code 0 when written, 2 on errors."})
final class ViewCommand implements Callable<Integer> {
    static final int DEFAULT_SAMPLES = 6;

    @Parameters(index = "0", paramLabel = "ROOT", description = "Dataset root: a folder, or a URI (s3://bucket/prefix, "
            + "hdfs://namenode/path).")
    String root;

    @Option(names = "--episode", paramLabel = "ID", description = "One episode's page.")
    String episode;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "The overview of one partition; with --episode, where to look.")
    String date;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: overview.html, or "
            + "episode-<ID>.html with --episode). The overview's sample pages go into <FILE without .html>-episodes/.")
    Path out;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "" + DEFAULT_SAMPLES,
            description = "Episode pages to write beside the overview and link from it; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + EpisodePage.DEFAULT_MAX_STEPS,
            description = "Steps an episode page shows at most: a longer episode's page holds its first N and "
                    + "says so (default: ${DEFAULT-VALUE}; a page is about 1.3 KB per step plus its frames).")
    int maxSteps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sample < 0) {
            throw new IllegalArgumentException("--sample must be 0 (none) or more, got " + sample);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be 1 or more, got " + maxSteps);
        }
        LocalDate day = date == null ? null : parse(date);
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            DatasetInspector dataset = Store.hasScheme(root) ? DatasetInspector.open(Store.of(root))
                    : DatasetInspector.open(Path.of(root));
            if (episode != null) {
                Path file = out != null ? out : Path.of(PageNames.episodeFile(episode.strip()));
                EpisodePage page = episodePage(dataset, episode.strip(), day);
                long bytes = write(file, EpisodeHtml.render(page));
                stdout.printf("wrote %s (%,d bytes): episode %s, %d steps, %d frames%n", file, bytes,
                        page.episode().episodeId(), page.steps().size(), page.frames().size());
                cutNotice(page);
                return 0;
            }
            return overview(dataset, day, out != null ? out : Path.of("overview.html"), stdout);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + ErrorLine.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        } finally {
            stdout.flush();
        }
    }

    private EpisodePage episodePage(DatasetInspector dataset, String id, LocalDate day) throws IOException {
        EpisodeTimeline t = dataset.episode(id, day);
        return EpisodePage.of(t, dataset.frameRows(t), maxSteps);
    }

    /** A page that holds only the first --max-steps steps says so on the page and here. */
    private void cutNotice(EpisodePage page) {
        if (page.cut()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("note: episode %s has %,d steps; its page shows the first %,d (--max-steps %d shows all)%n",
                    ErrorLine.oneLine(page.episode().episodeId()), page.stepsInFile(), page.steps().size(),
                    page.stepsInFile());
            err.flush();
        }
    }

    /** The overview, and its sample pages in a folder beside it: the newest partitions' first episodes. */
    private int overview(DatasetInspector dataset, LocalDate day, Path file, PrintWriter stdout) throws IOException {
        DatasetOverview all = dataset.overview(false);
        List<PartitionSummary> partitions = all.partitions().stream()
                .filter(p -> day == null || p.date().equals(day.toString())).toList();
        if (day != null && partitions.isEmpty()) {
            dataset.partition(day, 1, false); // says which partitions there are
        }
        if (partitions.stream().allMatch(p -> p.state() == PartitionSummary.State.UNPUBLISHED)) {
            String what = day == null ? all.root() + " has no published partition"
                    : DatasetLayout.partition(day) + " of " + all.root() + " is not published";
            throw new IllegalArgumentException(what + " (no readable " + DatasetLayout.MANIFEST
                    + "): nothing to show; inspect " + root + " says why");
        }
        DatasetOverview o = new DatasetOverview(all.root(), all.info(), partitions, all.deadLetters(), all.audit(),
                all.notes());
        String folder = PageNames.samplesFolder(file.getFileName().toString());
        List<OverviewPage.Sample> samples = new ArrayList<>();
        for (Picked e : sampleEpisodes(dataset, partitions)) {
            String name = PageNames.episodeFile(e.row().episodeId());
            EpisodePage page = episodePage(dataset, e.row().episodeId(), e.date());
            write(sibling(file, folder).resolve(name), EpisodeHtml.render(page));
            cutNotice(page);
            samples.add(OverviewPage.Sample.of(e.row(), e.date().toString(), PageNames.href(folder, name)));
        }
        long bytes = write(file, OverviewHtml.render(OverviewPage.of(o,
                day == null ? (partitions.size() == 1 ? "its 1 partition" : "all " + partitions.size() + " partitions")
                        : DatasetLayout.partition(day), samples)));
        stdout.printf("wrote %s (%,d bytes): %d %s%s%n", file, bytes, partitions.size(),
                partitions.size() == 1 ? "partition" : "partitions", samples.isEmpty() ? ""
                : String.format(", %d sample episode pages in %s", samples.size(), sibling(file, folder)));
        return 0;
    }

    /** An episode of the sample and the partition it is in. */
    private record Picked(LocalDate date, EpisodeRow row) {}

    /**
     * Up to {@code --sample} episodes, taken in turn from the newest partitions (each's first by start):
     * deterministic, so a rerun writes the same pages.
     */
    private List<Picked> sampleEpisodes(DatasetInspector dataset, List<PartitionSummary> partitions)
            throws IOException {
        List<List<Picked>> byPartition = new ArrayList<>();
        for (int i = partitions.size() - 1; i >= 0 && byPartition.size() < sample; i--) {
            PartitionSummary p = partitions.get(i);
            if (p.state() != PartitionSummary.State.UNPUBLISHED && p.episodes() > 0) {
                LocalDate d = LocalDate.parse(p.date());
                byPartition.add(dataset.partition(d, sample, false).episodes().stream()
                        .map(r -> new Picked(d, r)).toList());
            }
        }
        List<Picked> out = new ArrayList<>();
        for (int round = 0; out.size() < sample; round++) {
            boolean any = false;
            for (List<Picked> rows : byPartition) {
                if (round < rows.size() && out.size() < sample) {
                    out.add(rows.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    private static Path sibling(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(name);
    }

    private static long write(Path file, String html) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            return bytes.length;
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage()
                    + " (choose another --out)", e);
        }
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be a date like 2026-11-27, got '" + value + "'");
        }
    }
}
