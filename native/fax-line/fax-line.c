/*
 * fax-line: Chartfax's test line.
 *
 * Sends a TIFF over a simulated telephone line to a virtual receiving fax machine, using the real
 * T.30 protocol from spandsp: a calling fax_state_t and an answering fax_state_t are wired back to
 * back (audio: V.21 signalling, V.17/V.29/V.27ter image modems, optional ECM), or two T.38
 * terminals exchange IFP packets (--mode t38). Time is simulated: one 20 ms block of samples per
 * loop turn, so a 30 s call runs in a few tens of milliseconds and is identical on every run.
 *
 * Output: JSON lines on stdout (events, then one final "result" line); the pages the virtual
 * machine received go to the output TIFF. Exit status 0 means the call ran to its end, whatever the
 * fax outcome; 2 = bad arguments; 3 = unreadable or unsuitable input TIFF; 4 = internal failure.
 *
 * Call-level outcomes that happen before T.30 starts on a real line (busy, no answer, a person
 * answering) are played as the audio a real line would carry (busy tone, ringback, speech-like
 * sound) into a real calling T.30 engine; the classification a modem's call-progress detector
 * would make is taken from the scenario, since the switch would tell a real modem the same.
 *
 * Linked dynamically against libspandsp (LGPL-2.1) and libtiff.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>
#include <spandsp.h>

#define BLOCK_SAMPLES 160 /* 20 ms at 8 kHz: the usual media tick of a real line. */
#define EXIT_BAD_ARGS 2
#define EXIT_BAD_TIFF 3
#define EXIT_INTERNAL 4
#define MAX_T38_QUEUE 4096
/* --burst-every-ms: impulse noise ("hits" on a crackling line), caller to answerer only. A 60 ms hit
 * at -20 dBm0 wipes out a few HDLC frames or a training check, which T.30 recovers from. */
#define BURST_BLOCKS 3
#define BURST_DBM0 -20.0f
#define MAX_T38_PACKET 512

enum scenario { SCENARIO_ANSWERED, SCENARIO_BUSY, SCENARIO_NO_ANSWER, SCENARIO_VOICE };
enum line_mode { MODE_AUDIO, MODE_T38 };

struct options {
    const char *input_path;
    const char *output_path;
    enum line_mode mode;
    int ecm;
    const char *local_ident;
    const char *remote_ident;
    int noise_enabled;
    float noise_dbm0;
    int drop_after_page; /* 0 = never */
    int burst_every_ms;  /* 0 = no impulse noise */
    int receiver_rejects;
    enum scenario scenario;
    int max_bitrate;
    double max_line_seconds;
    int verbose;
};

struct side {
    const char *name; /* "caller" or "answerer" */
    t30_state_t *t30;
    int completion_code; /* -1 until phase E reports: 0 means OK in spandsp. */
    int phase_e_seen;
};

/* What is left of a call once both machines have hung up. */
struct call_summary {
    int64_t caller_end_samples;
    t30_stats_t caller_stats;
    t30_stats_t answerer_stats;
    int answered;
    char remote_ident[T30_MAX_IDENT_LEN + 1];
};

static int64_t g_samples = 0; /* simulated time, in samples since the call started */
static int g_line_dropped = 0;
static int g_drop_after_page = 0;
static int g_total_pages = 0;
static int g_last_bit_rate = 0; /* image modem rate of the last page either side reported */

static double line_seconds(void) { return (double) g_samples / SAMPLE_RATE; }

static void fail(int status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("fax-line: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(status);
}

/* Writes s as a JSON string literal. Idents come from the far end, so escape everything odd. */
static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *) (s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static const char *fcf_name(int fcf) {
    const char *name = t30_frametype((uint8_t) fcf);
    return name ? name : "?";
}

static int phase_b_handler(t30_state_t *s, void *user_data, int result) {
    struct side *side = (struct side *) user_data;
    printf("{\"event\":\"phase-b\",\"side\":\"%s\",\"lineSeconds\":%.2f,\"frame\":", side->name,
           line_seconds());
    json_string(stdout, fcf_name(result));
    printf(",\"remoteIdent\":");
    json_string(stdout, t30_get_rx_ident(s));
    printf("}\n");
    fflush(stdout);
    return T30_ERR_OK;
}

static int phase_d_handler(t30_state_t *s, void *user_data, int result) {
    struct side *side = (struct side *) user_data;
    t30_stats_t stats;
    t30_get_transfer_statistics(s, &stats);
    int is_caller = strcmp(side->name, "caller") == 0;
    int page = is_caller ? stats.pages_tx : stats.pages_rx;
    g_last_bit_rate = stats.bit_rate;
    printf("{\"event\":\"phase-d\",\"side\":\"%s\",\"lineSeconds\":%.2f,\"frame\":", side->name,
           line_seconds());
    json_string(stdout, fcf_name(result));
    printf(",\"page\":%d,\"totalPages\":%d,\"bitRate\":%d,\"ecm\":%s,\"badRows\":%d,"
           "\"longestBadRowRun\":%d,\"ecmRetries\":%d,\"width\":%d,\"length\":%d,\"imageBytes\":%d,"
           "\"encoding\":%d}\n",
           page, g_total_pages, stats.bit_rate, stats.error_correcting_mode ? "true" : "false",
           stats.bad_rows, stats.longest_bad_row_run, stats.error_correcting_mode_retries, stats.width,
           stats.length, stats.image_size, stats.encoding);
    fflush(stdout);
    /*
     * A confirmed page (MCF heard by the caller) is where the "line drops after page N" scenario
     * cuts the line: from the next block on, neither side hears anything, as when the far end hangs
     * up or the circuit fails. T.30 then runs into its own timeouts.
     */
    if (is_caller && g_drop_after_page > 0 && (result & 0xFE) == T30_MCF && stats.pages_tx >= g_drop_after_page)
        g_line_dropped = 1;
    return T30_ERR_OK;
}

static void phase_e_handler(t30_state_t *s, void *user_data, int completion_code) {
    struct side *side = (struct side *) user_data;
    t30_stats_t stats;
    t30_get_transfer_statistics(s, &stats);
    side->completion_code = completion_code;
    side->phase_e_seen = 1;
    printf("{\"event\":\"phase-e\",\"side\":\"%s\",\"lineSeconds\":%.2f,\"completionCode\":%d,"
           "\"completionText\":",
           side->name, line_seconds(), completion_code);
    json_string(stdout, t30_completion_code_to_str(completion_code));
    printf(",\"pagesTransmitted\":%d,\"pagesReceived\":%d}\n", stats.pages_tx, stats.pages_rx);
    fflush(stdout);
}

static void log_to_stderr(int level, const char *text) {
    (void) level;
    fputs(text, stderr);
}

static void configure_t30(t30_state_t *t30, struct side *side, const struct options *o, int calling) {
    t30_set_tx_ident(t30, calling ? o->local_ident : o->remote_ident);
    t30_set_ecm_capability(t30, o->ecm);
    t30_set_supported_compressions(t30, T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION |
                                            (o->ecm ? T30_SUPPORT_T6_COMPRESSION : 0));
    int modems = T30_SUPPORT_V27TER;
    if (o->max_bitrate >= 9600)
        modems |= T30_SUPPORT_V29;
    if (o->max_bitrate >= 14400)
        modems |= T30_SUPPORT_V17;
    t30_set_supported_modems(t30, modems);
    t30_set_phase_b_handler(t30, phase_b_handler, side);
    t30_set_phase_d_handler(t30, phase_d_handler, side);
    t30_set_phase_e_handler(t30, phase_e_handler, side);
    if (calling)
        t30_set_tx_file(t30, o->input_path, -1, -1);
    else if (!o->receiver_rejects)
        t30_set_rx_file(t30, o->output_path, -1);
    /*
     * A receiver with nowhere to put pages (out of paper, memory full, receiving turned off) clears
     * "ready to receive" in its DIS (T.30 Table 2, bit 10). The caller then cannot send and hangs up
     * with DCN: spandsp reports T30_ERR_RX_INCAPABLE, "Far end is not able to receive".
     */
    if (o->verbose) {
        logging_state_t *log = t30_get_logging_state(t30);
        span_log_set_level(log, SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL | SPAN_LOG_SHOW_TAG | SPAN_LOG_FLOW);
        span_log_set_tag(log, side->name);
        span_log_set_message_handler(log, log_to_stderr);
    }
}

/* ---- Call-progress audio for the scenarios where no fax machine answers ---- */

static double g_phase[3]; /* oscillator phases: two tone generators and the voice pitch */

static int16_t tone_pair(double f1, double f2, double dbm0_each) {
    /* 0 dBm0 is a sine of amplitude 32768 * 10^(-3.14/20) in spandsp's scaling (about 22 900). */
    double amplitude = 22900.0 * pow(10.0, dbm0_each / 20.0);
    g_phase[0] += 2.0 * M_PI * f1 / SAMPLE_RATE;
    g_phase[1] += 2.0 * M_PI * f2 / SAMPLE_RATE;
    return (int16_t) (amplitude * (sin(g_phase[0]) + sin(g_phase[1])));
}

/* North American busy: 480 + 620 Hz, 0.5 s on, 0.5 s off. */
static int16_t busy_sample(int64_t n) {
    return (n % 8000) < 4000 ? tone_pair(480, 620, -24) : 0;
}

/* North American ringback: 440 + 480 Hz, 2 s on, 4 s off. */
static int16_t ringback_sample(int64_t n) {
    return (n % 48000) < 16000 ? tone_pair(440, 480, -19) : 0;
}

/*
 * A person saying "Hello? ... Hello?": voiced syllables (a 130 Hz glottal pulse train shaped by
 * two formant-like partials) in bursts with pauses. Nothing here resembles CED, V.21 flags or DIS,
 * so the calling fax machine hears no fax answer and T.30 times out, as it does on a real line.
 */
static int16_t voice_sample(int64_t n) {
    int64_t in_cycle = n % 20000; /* 2.5 s: two syllables, then a pause */
    int voiced = (in_cycle < 2800) || (in_cycle >= 4000 && in_cycle < 7200);
    if (!voiced)
        return 0;
    double t = (double) n / SAMPLE_RATE;
    double pitch = 130.0 + 20.0 * sin(2.0 * M_PI * 0.7 * t);
    g_phase[2] += 2.0 * M_PI * pitch / SAMPLE_RATE;
    double envelope = sin(M_PI * (double) ((in_cycle < 2800) ? in_cycle : in_cycle - 4000) /
                          ((in_cycle < 2800) ? 2800.0 : 3200.0));
    double s = 0.0;
    for (int h = 1; h <= 12; h++) {
        double f = h * pitch;
        /* Emphasise harmonics near 700 Hz and 1200 Hz, like the first two formants of "eh"/"oh". */
        double gain = exp(-pow((f - 700.0) / 180.0, 2)) + 0.6 * exp(-pow((f - 1200.0) / 220.0, 2)) + 0.05;
        s += gain * sin(h * g_phase[2]);
    }
    return (int16_t) (2600.0 * envelope * s);
}

/* ---- Audio line ---- */

static void add_noise(int16_t *buf, int len, awgn_state_t *noise) {
    if (!noise)
        return;
    for (int i = 0; i < len; i++)
        buf[i] = saturate((int32_t) buf[i] + awgn(noise));
}

static void fill_block(fax_state_t *fax, int16_t *buf) {
    int n = fax_tx(fax, buf, BLOCK_SAMPLES);
    if (n < BLOCK_SAMPLES)
        memset(buf + n, 0, sizeof(int16_t) * (BLOCK_SAMPLES - n));
}

static int64_t seconds_to_samples(double s) { return (int64_t) (s * SAMPLE_RATE); }

static void summarise(struct call_summary *out, int64_t caller_end, struct side *caller, struct side *answerer) {
    memset(out, 0, sizeof *out);
    out->caller_end_samples = caller_end;
    t30_get_transfer_statistics(caller->t30, &out->caller_stats);
    const char *ident = t30_get_rx_ident(caller->t30);
    snprintf(out->remote_ident, sizeof out->remote_ident, "%s", ident ? ident : "");
    if (answerer->t30) {
        out->answered = 1;
        t30_get_transfer_statistics(answerer->t30, &out->answerer_stats);
    }
}

static void run_audio(const struct options *o, struct side *caller, struct side *answerer, struct call_summary *out) {
    fax_state_t *caller_fax = fax_init(NULL, 1);
    if (!caller_fax)
        fail(EXIT_INTERNAL, "cannot initialise the calling fax");
    fax_set_transmit_on_idle(caller_fax, 1);
    caller->t30 = fax_get_t30_state(caller_fax);
    configure_t30(caller->t30, caller, o, 1);

    fax_state_t *answer_fax = NULL;
    if (o->scenario == SCENARIO_ANSWERED) {
        answer_fax = fax_init(NULL, 0);
        if (!answer_fax)
            fail(EXIT_INTERNAL, "cannot initialise the answering fax");
        fax_set_transmit_on_idle(answer_fax, 1);
        answerer->t30 = fax_get_t30_state(answer_fax);
        configure_t30(answerer->t30, answerer, o, 0);
    }

    awgn_state_t *noise_to_answerer = NULL, *noise_to_caller = NULL;
    if (o->noise_enabled) {
        /* Fixed seeds: the same noise on every run, so outcomes are reproducible. */
        noise_to_answerer = awgn_init_dbm0(NULL, 1234567, o->noise_dbm0);
        noise_to_caller = awgn_init_dbm0(NULL, 7654321, o->noise_dbm0);
    }

    awgn_state_t *burst = NULL;
    if (o->burst_every_ms > 0)
        burst = awgn_init_dbm0(NULL, 4242, BURST_DBM0);

    int16_t from_caller[BLOCK_SAMPLES], from_answerer[BLOCK_SAMPLES];
    int64_t max_samples = seconds_to_samples(o->max_line_seconds);
    /* A real modem reports BUSY after a few cadences; hang up after 4 s of busy tone. */
    int64_t busy_hangup = seconds_to_samples(4.0);
    int64_t caller_end = -1;
    int64_t answerer_grace_end = -1;

    while (g_samples < max_samples) {
        fill_block(caller_fax, from_caller);
        if (answer_fax) {
            fill_block(answer_fax, from_answerer);
        } else {
            for (int i = 0; i < BLOCK_SAMPLES; i++) {
                int64_t n = g_samples + i;
                from_answerer[i] = o->scenario == SCENARIO_BUSY        ? busy_sample(n)
                                   : o->scenario == SCENARIO_NO_ANSWER ? ringback_sample(n)
                                                                       : voice_sample(n);
            }
        }
        add_noise(from_caller, BLOCK_SAMPLES, noise_to_answerer);
        if (burst && (g_samples / BLOCK_SAMPLES) % (o->burst_every_ms / 20) < BURST_BLOCKS)
            add_noise(from_caller, BLOCK_SAMPLES, burst);
        add_noise(from_answerer, BLOCK_SAMPLES, noise_to_caller);
        if (g_line_dropped) {
            memset(from_caller, 0, sizeof from_caller);
            memset(from_answerer, 0, sizeof from_answerer);
        }
        if (answer_fax && answerer_grace_end < 0)
            fax_rx(answer_fax, from_caller, BLOCK_SAMPLES);
        else if (answer_fax)
            fax_rx(answer_fax, (int16_t[BLOCK_SAMPLES]){0}, BLOCK_SAMPLES);
        if (caller_end < 0)
            fax_rx(caller_fax, from_answerer, BLOCK_SAMPLES);
        g_samples += BLOCK_SAMPLES;

        if (o->scenario == SCENARIO_BUSY && caller_end < 0 && g_samples >= busy_hangup) {
            t30_terminate(caller->t30);
            caller_end = g_samples;
            break;
        }
        if (caller_end < 0 && !t30_call_active(caller->t30)) {
            caller_end = g_samples;
            if (!answer_fax)
                break;
            /* The caller has hung up: the answerer hears silence and gets a few seconds to finish. */
            answerer_grace_end = g_samples + seconds_to_samples(15.0);
        }
        if (answer_fax && caller_end >= 0 && (!t30_call_active(answerer->t30) || g_samples >= answerer_grace_end))
            break;
    }
    if (caller_end < 0) {
        caller_end = g_samples;
        t30_terminate(caller->t30);
    }
    if (answer_fax && t30_call_active(answerer->t30))
        t30_terminate(answerer->t30);

    summarise(out, caller_end, caller, answerer);
    if (noise_to_answerer)
        awgn_free(noise_to_answerer);
    if (noise_to_caller)
        awgn_free(noise_to_caller);
    if (burst)
        awgn_free(burst);
    if (answer_fax)
        fax_free(answer_fax);
    fax_free(caller_fax);
}

/* ---- T.38 line: IFP packets queued between two terminals ---- */

struct t38_packet {
    int len;
    uint16_t seq;
    uint8_t data[MAX_T38_PACKET];
};

struct t38_queue {
    struct t38_packet packets[MAX_T38_QUEUE];
    int head, tail;
    uint16_t next_seq;
};

static int t38_tx(t38_core_state_t *s, void *user_data, const uint8_t *buf, int len, int count) {
    (void) s;
    (void) count; /* redundant copies only matter on a lossy UDP path; this path loses nothing */
    struct t38_queue *q = (struct t38_queue *) user_data;
    if (g_line_dropped)
        return 0;
    int next = (q->tail + 1) % MAX_T38_QUEUE;
    if (next == q->head || len > MAX_T38_PACKET)
        return -1;
    q->packets[q->tail].len = len;
    q->packets[q->tail].seq = q->next_seq++;
    memcpy(q->packets[q->tail].data, buf, (size_t) len);
    q->tail = next;
    return 0;
}

static void t38_deliver(struct t38_queue *q, t38_terminal_state_t *to) {
    while (q->head != q->tail) {
        struct t38_packet *p = &q->packets[q->head];
        if (!g_line_dropped)
            t38_core_rx_ifp_packet(t38_terminal_get_t38_core_state(to), p->data, p->len, p->seq);
        q->head = (q->head + 1) % MAX_T38_QUEUE;
    }
}

static void run_t38(const struct options *o, struct side *caller, struct side *answerer, struct call_summary *out) {
    static struct t38_queue to_answerer, to_caller;
    t38_terminal_state_t *c = t38_terminal_init(NULL, 1, t38_tx, &to_answerer);
    t38_terminal_state_t *a = t38_terminal_init(NULL, 0, t38_tx, &to_caller);
    if (!c || !a)
        fail(EXIT_INTERNAL, "cannot initialise the T.38 terminals");
    caller->t30 = t38_terminal_get_t30_state(c);
    answerer->t30 = t38_terminal_get_t30_state(a);
    configure_t30(caller->t30, caller, o, 1);
    configure_t30(answerer->t30, answerer, o, 0);
    t38_set_t38_version(t38_terminal_get_t38_core_state(c), 0);
    t38_set_t38_version(t38_terminal_get_t38_core_state(a), 0);

    int64_t max_samples = seconds_to_samples(o->max_line_seconds);
    int64_t caller_end = -1, grace_end = -1;
    while (g_samples < max_samples) {
        if (caller_end < 0)
            t38_terminal_send_timeout(c, BLOCK_SAMPLES);
        t38_terminal_send_timeout(a, BLOCK_SAMPLES);
        t38_deliver(&to_answerer, a);
        t38_deliver(&to_caller, c);
        g_samples += BLOCK_SAMPLES;
        if (caller_end < 0 && !t30_call_active(caller->t30)) {
            caller_end = g_samples;
            grace_end = g_samples + seconds_to_samples(15.0);
        }
        if (caller_end >= 0 && (!t30_call_active(answerer->t30) || g_samples >= grace_end))
            break;
    }
    if (caller_end < 0) {
        caller_end = g_samples;
        t30_terminate(caller->t30);
    }
    if (t30_call_active(answerer->t30))
        t30_terminate(answerer->t30);
    summarise(out, caller_end, caller, answerer);
    t38_terminal_free(c);
    t38_terminal_free(a);
}

/* ---- Input checks ---- */

static char g_tiff_error[512];

static void tiff_error_handler(const char *module, const char *fmt, va_list ap) {
    (void) module;
    if (g_tiff_error[0] == '\0')
        vsnprintf(g_tiff_error, sizeof g_tiff_error, fmt, ap);
}

static int g_decoding_strips = 0;

static void tiff_warning_handler(const char *module, const char *fmt, va_list ap) {
    (void) module;
    /*
     * While reading tags, warnings are about unknown private tags and the like: harmless for
     * faxing. While decoding image data, libtiff's CCITT decoder reports damaged lines (bad code
     * words, wrong line lengths) as warnings: the page would go out garbled, so treat it as damage.
     */
    if (g_decoding_strips && g_tiff_error[0] == '\0')
        vsnprintf(g_tiff_error, sizeof g_tiff_error, fmt, ap);
}

/* Counts pages and refuses anything that is not a 1-bit fax-width image. */
static int check_input_tiff(const char *path) {
    TIFF *tif = TIFFOpen(path, "r");
    if (!tif)
        fail(EXIT_BAD_TIFF, "cannot read the input TIFF: %s", g_tiff_error[0] ? g_tiff_error : strerror(errno));
    int pages = 0;
    do {
        uint32_t width = 0, length = 0;
        uint16_t bits = 1, samples = 1;
        TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
        TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &length);
        TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
        TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
        pages++;
        /* T.4 widths at 8 pels/mm: 215 mm (A4/Letter), 255 mm (B4), 303 mm (A3). */
        if (width != 1728 && width != 2048 && width != 2432)
            fail(EXIT_BAD_TIFF, "page %d is %" PRIu32 " pixels wide; a fax page must be 1728 (or 2048, 2432)", pages, width);
        if (bits != 1 || samples != 1)
            fail(EXIT_BAD_TIFF, "page %d is not a 1-bit image", pages);
        if (length == 0)
            fail(EXIT_BAD_TIFF, "page %d has no rows", pages);
        /* Decode every strip now, so a damaged file fails here rather than mid-call. */
        tmsize_t strip_size = TIFFStripSize(tif);
        void *buf = _TIFFmalloc(strip_size > 0 ? strip_size : 1);
        g_decoding_strips = 1;
        for (tstrip_t s = 0; s < TIFFNumberOfStrips(tif); s++) {
            if (TIFFReadEncodedStrip(tif, s, buf, (tmsize_t) -1) < 0) {
                _TIFFfree(buf);
                fail(EXIT_BAD_TIFF, "page %d cannot be decoded: %s", pages, g_tiff_error[0] ? g_tiff_error : "bad data");
            }
        }
        g_decoding_strips = 0;
        _TIFFfree(buf);
        if (g_tiff_error[0])
            fail(EXIT_BAD_TIFF, "page %d is damaged: %s", pages, g_tiff_error);
    } while (TIFFReadDirectory(tif));
    if (g_tiff_error[0])
        fail(EXIT_BAD_TIFF, "the input TIFF is damaged: %s", g_tiff_error);
    TIFFClose(tif);
    return pages;
}

/* ---- Arguments ---- */

static void usage(void) {
    fprintf(stderr,
            "usage: fax-line INPUT.tif OUTPUT.tif [--mode audio|t38] [--ecm|--no-ecm]\n"
            "       [--local-ident ID] [--remote-ident ID] [--noise-dbm0 N] [--drop-after-page N]\n"
            "       [--burst-every-ms N] [--receiver-rejects] [--busy|--no-answer|--voice]\n"
            "       [--max-bitrate 14400|9600|4800]\n"
            "       [--max-line-seconds S] [--fast] [--verbose]\n");
}

static const char *need_value(int argc, char **argv, int *i) {
    if (*i + 1 >= argc) {
        usage();
        fail(EXIT_BAD_ARGS, "%s needs a value", argv[*i]);
    }
    return argv[++*i];
}

static long parse_long(const char *option, const char *text, long min, long max) {
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || end == text || v < min || v > max)
        fail(EXIT_BAD_ARGS, "%s: '%s' is not a whole number from %ld to %ld", option, text, min, max);
    return v;
}

static void check_ident(const char *option, const char *id) {
    /* T.30 identities (TSI/CSI) are at most 20 printable characters. */
    if (strlen(id) > T30_MAX_IDENT_LEN)
        fail(EXIT_BAD_ARGS, "%s is longer than %d characters", option, T30_MAX_IDENT_LEN);
    for (const unsigned char *p = (const unsigned char *) id; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            fail(EXIT_BAD_ARGS, "%s must be printable ASCII", option);
}

static void parse_args(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    o->mode = MODE_AUDIO;
    o->ecm = 1;
    o->local_ident = "";
    o->remote_ident = "";
    o->scenario = SCENARIO_ANSWERED;
    o->max_bitrate = 14400;
    o->max_line_seconds = 3600.0;
    int positional = 0, scenarios = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--mode") == 0) {
            const char *v = need_value(argc, argv, &i);
            if (strcmp(v, "audio") == 0)
                o->mode = MODE_AUDIO;
            else if (strcmp(v, "t38") == 0)
                o->mode = MODE_T38;
            else
                fail(EXIT_BAD_ARGS, "--mode must be audio or t38");
        } else if (strcmp(a, "--ecm") == 0) {
            o->ecm = 1;
        } else if (strcmp(a, "--no-ecm") == 0) {
            o->ecm = 0;
        } else if (strcmp(a, "--local-ident") == 0) {
            o->local_ident = need_value(argc, argv, &i);
            check_ident(a, o->local_ident);
        } else if (strcmp(a, "--remote-ident") == 0) {
            o->remote_ident = need_value(argc, argv, &i);
            check_ident(a, o->remote_ident);
        } else if (strcmp(a, "--noise-dbm0") == 0) {
            o->noise_enabled = 1;
            o->noise_dbm0 = (float) parse_long(a, need_value(argc, argv, &i), -90, 0);
        } else if (strcmp(a, "--burst-every-ms") == 0) {
            o->burst_every_ms = (int) parse_long(a, need_value(argc, argv, &i), 200, 600000);
        } else if (strcmp(a, "--drop-after-page") == 0) {
            o->drop_after_page = (int) parse_long(a, need_value(argc, argv, &i), 1, 100000);
        } else if (strcmp(a, "--receiver-rejects") == 0) {
            o->receiver_rejects = 1;
        } else if (strcmp(a, "--busy") == 0) {
            o->scenario = SCENARIO_BUSY;
            scenarios++;
        } else if (strcmp(a, "--no-answer") == 0) {
            o->scenario = SCENARIO_NO_ANSWER;
            scenarios++;
        } else if (strcmp(a, "--voice") == 0) {
            o->scenario = SCENARIO_VOICE;
            scenarios++;
        } else if (strcmp(a, "--max-bitrate") == 0) {
            o->max_bitrate = (int) parse_long(a, need_value(argc, argv, &i), 2400, 14400);
            if (o->max_bitrate != 14400 && o->max_bitrate != 9600 && o->max_bitrate != 4800)
                fail(EXIT_BAD_ARGS, "--max-bitrate must be 14400, 9600 or 4800");
        } else if (strcmp(a, "--max-line-seconds") == 0) {
            o->max_line_seconds = (double) parse_long(a, need_value(argc, argv, &i), 10, 86400);
        } else if (strcmp(a, "--fast") == 0) {
            /* Simulated time is never paced to the wall clock; accepted for clarity in callers. */
        } else if (strcmp(a, "--verbose") == 0) {
            o->verbose = 1;
        } else if (strcmp(a, "--help") == 0) {
            usage();
            exit(0);
        } else if (a[0] == '-' && a[1] == '-') {
            usage();
            fail(EXIT_BAD_ARGS, "unknown option %s", a);
        } else if (positional == 0) {
            o->input_path = a;
            positional++;
        } else if (positional == 1) {
            o->output_path = a;
            positional++;
        } else {
            usage();
            fail(EXIT_BAD_ARGS, "unexpected argument %s", a);
        }
    }
    if (positional != 2) {
        usage();
        fail(EXIT_BAD_ARGS, "an input and an output TIFF path are required");
    }
    if (scenarios > 1)
        fail(EXIT_BAD_ARGS, "choose at most one of --busy, --no-answer, --voice");
    if (o->mode == MODE_T38 && (o->scenario != SCENARIO_ANSWERED || o->noise_enabled || o->burst_every_ms))
        fail(EXIT_BAD_ARGS, "--busy, --no-answer, --voice, --noise-dbm0 and --burst-every-ms apply to --mode audio only");
}

static const char *scenario_result(const struct options *o, const struct side *caller, int pages_in_file,
                                   int pages_tx) {
    switch (o->scenario) {
    case SCENARIO_BUSY:
        return "busy";
    case SCENARIO_NO_ANSWER:
        return "no-answer";
    case SCENARIO_VOICE:
        return "voice-answered";
    default:
        break;
    }
    if (caller->completion_code == T30_ERR_OK && pages_tx == pages_in_file)
        return "delivered";
    return pages_tx > 0 ? "partially-delivered" : "failed";
}

int main(int argc, char **argv) {
    struct options o;
    parse_args(argc, argv, &o);
    TIFFSetErrorHandler(tiff_error_handler);
    TIFFSetWarningHandler(tiff_warning_handler);
    g_total_pages = check_input_tiff(o.input_path);
    g_tiff_error[0] = '\0';
    g_drop_after_page = o.drop_after_page;
    /* A stale output file must never pass for a received fax. */
    if (remove(o.output_path) != 0 && errno != ENOENT)
        fail(EXIT_BAD_ARGS, "cannot replace the output file: %s", strerror(errno));
    if (o.verbose)
        span_set_message_handler(log_to_stderr);

    struct side caller = {"caller", NULL, -1, 0};
    struct side answerer = {"answerer", NULL, -1, 0};

    printf("{\"event\":\"dial\",\"mode\":\"%s\",\"ecm\":%s,\"totalPages\":%d}\n", o.mode == MODE_T38 ? "t38" : "audio",
           o.ecm ? "true" : "false", g_total_pages);
    fflush(stdout);

    struct call_summary sum;
    if (o.mode == MODE_AUDIO)
        run_audio(&o, &caller, &answerer, &sum);
    else
        run_t38(&o, &caller, &answerer, &sum);

    int pages_tx = sum.caller_stats.pages_tx;
    int pages_rx = sum.answerer_stats.pages_rx;
    printf("{\"result\":\"%s\",\"completionCode\":%d,\"completionText\":",
           scenario_result(&o, &caller, g_total_pages, pages_tx), caller.completion_code);
    json_string(stdout, caller.completion_code < 0 ? "The fax session did not start" : t30_completion_code_to_str(caller.completion_code));
    printf(",\"answererCompletionCode\":%d,\"pagesInFile\":%d,\"pagesTransmitted\":%d,\"pagesReceived\":%d,"
           "\"lineSeconds\":%.2f,\"bitRate\":",
           answerer.completion_code, g_total_pages, pages_tx, pages_rx, (double) sum.caller_end_samples / SAMPLE_RATE);
    if (g_last_bit_rate > 0)
        printf("%d", g_last_bit_rate);
    else
        fputs("null", stdout);
    fputs(",\"remoteIdent\":", stdout);
    if (sum.remote_ident[0])
        json_string(stdout, sum.remote_ident);
    else
        fputs("null", stdout);
    printf(",\"ecm\":%s,\"answered\":%s,\"lineDropped\":%s}\n",
           sum.caller_stats.error_correcting_mode ? "true" : "false", sum.answered ? "true" : "false",
           g_line_dropped ? "true" : "false");
    fflush(stdout);
    return 0;
}
