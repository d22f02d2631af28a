/* The quick reader of plain YAML (`plainyaml`), compiled: an optional speed-up.
 *
 * It reads the same small part of YAML as `plainyaml._Reader` and gives the same value, line
 * index and count of values, or None. It gives up on a little more than the Python reader does
 * (double-quoted text with escapes other than \", \\ and \/), and the Python reader then reads
 * the file; any doubt is a None, never a guess. `tests/test_plainyaml.py` reads every case with both.
 *
 * read(text, plain, typed_first, known, limit, separator, at_key, screen)
 *     -> (value, index, values) | None | False
 *   The line index is JSON text, compact (as json.dumps writes it with separators "," and ":"),
 *   written as the file is read: the dict would only be written out again.
 *   plain(text) gives a plain scalar's value (ValueError: give up); a plain scalar whose first
 *   character is not in `typed_first` is its own text, and one in the dict `known` (what plain()
 *   gave before) is that value: plain() is not asked.
 *   screen: 0 when the caller has checked the text's characters (`plainyaml.plain_characters`);
 *   else the text is screened as it is scanned, and False (not read) is the answer unless it
 *   is all printable, line breaks aside (str.isprintable), has at most `screen` '[' and '{' in
 *   all, and no line that starts with `screen` or more of " ?:-" (`screen` is COMPOSER_DEPTH).
 *   Such a text passes every check `yamlsource.parse_document` makes before reading.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* What `plainyaml` checks before it uses this module: a copy built from an older version of
 * this file (left next to the sources by an editable install, say) is not used. Raise it with
 * every change to read()'s arguments or answers. */
#define INTERFACE 4

#define MAX_DEPTH 16       /* plainyaml._MAX_DEPTH */
#define MAX_ENTRIES 50000  /* plainyaml._MAX_ENTRIES */
#define MAX_KEY 128        /* plainyaml._KEY: up to 128 characters */

/* One line that holds something: its indentation, a list entry's dash (with the spaces after
 * it), a key and the rest, as positions in the text. */
typedef struct {
    Py_ssize_t col, dash, key, key_end, rest, end, line;
} Row;

typedef struct {
    PyObject *text;
    int kind;
    const void *data;
    Row *rows;
    Py_ssize_t n;
    PyObject *plain, *typed_first, *known, *separator, *at_key;
    Py_ssize_t values;
    char *index; /* the line index as JSON, so far: `"path":line,` for each entry */
    Py_ssize_t index_length, index_size;
} Reader;

#define CH(r, i) PyUnicode_READ((r)->kind, (r)->data, (i))

/* Giving up is NULL with no exception set; an exception set is an error. */
#define GIVE_UP NULL

static int is_key_start(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_key_char(Py_UCS4 c) {
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* Characters a plain value may not start with (YAML's indicators). */
static int is_indicator(Py_UCS4 c) {
    return c < 128 && c != 0 && strchr("-?:,[]{}#&*!|>'\"%@`", (int)c) != NULL;
}

/* Characters that end plain text in a flow list or mapping. */
static int ends_flow_plain(Py_UCS4 c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || c == ':';
}

static Py_ssize_t skip_spaces(Reader *r, Py_ssize_t p, Py_ssize_t end) {
    while (p < end && CH(r, p) == ' ')
        p++;
    return p;
}

/* What may follow a value on its line: nothing, spaces, or a comment after a space. */
static int rest_is_blank(Reader *r, Py_ssize_t p, Py_ssize_t end) {
    Py_ssize_t q = skip_spaces(r, p, end);
    return q == end || (q > p && CH(r, q) == '#');
}

/* Whether the text passes the checks `screen` stands for (see the top of this file). */
static int screened(Reader *r, Py_ssize_t limit) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(r->text), pos, brackets = 0, run = 0;
    int leading = 1;
    for (pos = 0; pos < length; pos++) {
        Py_UCS4 c = CH(r, pos);
        if (c == '\n') {
            leading = 1;
            run = 0;
            continue;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && !Py_UNICODE_ISPRINTABLE(c)))
            return 0;
        if ((c == '[' || c == '{') && ++brackets > limit)
            return 0;
        if (leading) {
            if (c == ' ' || c == '?' || c == ':' || c == '-') {
                if (++run >= limit)
                    return 0;
            } else {
                leading = 0;
            }
        }
    }
    return 1;
}

static int scan_rows(Reader *r) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(r->text), lines = 1, pos, line = 0;
    for (pos = 0; pos < length; pos++)
        if (CH(r, pos) == '\n')
            lines++;
    r->rows = PyMem_New(Row, lines);
    if (r->rows == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    pos = 0;
    for (;;) {
        Py_ssize_t start = pos, end = pos, p, q;
        Row row;
        line++;
        while (end < length && CH(r, end) != '\n')
            end++;
        p = skip_spaces(r, start, end);
        row.col = p - start;
        row.dash = 0;
        if (p < end && CH(r, p) == '-' && (p + 1 == end || CH(r, p + 1) == ' ')) {
            q = skip_spaces(r, p + 1, end);
            row.dash = q - p;
            p = q;
        }
        row.key = row.key_end = p;
        if (p < end && is_key_start(CH(r, p))) {
            q = p + 1;
            while (q < end && is_key_char(CH(r, q)))
                q++;
            if (q - p <= MAX_KEY && q < end && CH(r, q) == ':' &&
                (q + 1 == end || CH(r, q + 1) == ' ')) {
                row.key_end = q;
                p = skip_spaces(r, q + 1, end);
            }
        }
        row.rest = p;
        row.end = end;
        row.line = line;
        if (row.dash || row.key_end > row.key || (p < end && CH(r, p) != '#'))
            r->rows[r->n++] = row;
        if (end == length)
            break;
        pos = end + 1;
    }
    return 0;
}

static int has_value(Reader *r, const Row *row) {
    return row->rest < row->end && CH(r, row->rest) != '#';
}

static int count(Reader *r, Py_ssize_t entries) {
    if (entries > MAX_ENTRIES)
        return -1;
    r->values += entries + 1;
    return 0;
}

/* Room for `more` characters at the end of the line index. */
static int reserve(Reader *r, Py_ssize_t more) {
    Py_ssize_t size = r->index_size ? r->index_size : 4096;
    char *grown;
    if (r->index_length + more <= r->index_size)
        return 0;
    while (size < r->index_length + more) {
        if (size > PY_SSIZE_T_MAX / 2) {
            PyErr_NoMemory();
            return -1;
        }
        size *= 2;
    }
    grown = PyMem_Realloc(r->index, size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    r->index = grown;
    r->index_size = size;
    return 0;
}

/* Adds `"at":line,` to the line index. Paths are made of keys (letters, digits, '_' and '-'),
 * numbers and the separators; any other character gives up (ValueError), never a guess. */
static int note(Reader *r, PyObject *at, Py_ssize_t line) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(at), k;
    const Py_UCS1 *chars;
    char *out;
    if (!PyUnicode_IS_ASCII(at)) {
        PyErr_SetString(PyExc_ValueError, "a path in the line index that is not ASCII");
        return -1;
    }
    chars = PyUnicode_1BYTE_DATA(at);
    /* each character at most 6 (\u001f), two quotes, a colon, a number and a comma */
    if (length > (PY_SSIZE_T_MAX - 64) / 6 || reserve(r, 6 * length + 64) < 0)
        return -1;
    out = r->index + r->index_length;
    *out++ = '"';
    for (k = 0; k < length; k++) {
        unsigned char c = chars[k];
        if (c == '"' || c == '\\') {
            *out++ = '\\';
            *out++ = (char)c;
        } else if (c < 0x20) { /* \u001f, as json.dumps writes it */
            memcpy(out, "\\u00", 4);
            out[4] = "0123456789abcdef"[c >> 4];
            out[5] = "0123456789abcdef"[c & 15];
            out += 6;
        } else {
            *out++ = (char)c;
        }
    }
    *out++ = '"';
    *out++ = ':';
    {
        char digits[24];
        int n = 0;
        Py_ssize_t rest = line < 0 ? 0 : line; /* lines count from 1 */
        do {
            digits[n++] = (char)('0' + rest % 10);
            rest /= 10;
        } while (rest);
        while (n)
            *out++ = digits[--n];
    }
    *out++ = ',';
    r->index_length = out - r->index;
    return 0;
}

static PyObject *joined(Reader *r, PyObject *where, PyObject *step) {
    PyObject *head = PyUnicode_Concat(where, r->separator), *path;
    if (head == NULL)
        return NULL;
    path = PyUnicode_Concat(head, step);
    Py_DECREF(head);
    return path;
}

static PyObject *joined_number(Reader *r, PyObject *where, Py_ssize_t number) {
    PyObject *step = PyUnicode_FromFormat("%zd", number), *path;
    if (step == NULL)
        return NULL;
    path = joined(r, where, step);
    Py_DECREF(step);
    return path;
}

/* A plain scalar's value. */
static PyObject *plain(Reader *r, Py_ssize_t start, Py_ssize_t end) {
    PyObject *text = PyUnicode_Substring(r->text, start, end), *value;
    if (text == NULL)
        return NULL;
    if (r->typed_first != Py_None &&
        PyUnicode_FindChar(r->typed_first, CH(r, start), 0,
                           PyUnicode_GET_LENGTH(r->typed_first), 1) == -1)
        return text;
    if (r->known != Py_None) {
        value = PyDict_GetItemWithError(r->known, text); /* borrowed */
        if (value != NULL) {
            Py_DECREF(text);
            return Py_NewRef(value);
        }
        if (PyErr_Occurred()) {
            Py_DECREF(text);
            return NULL;
        }
    }
    value = PyObject_CallOneArg(r->plain, text);
    Py_DECREF(text);
    return value;
}

/* Double-quoted text between `start` and `end` (the quotes left out) whose only escapes are
 * \", \\ and \/: what they stand for. Any other escape is left to the Python reader. */
static PyObject *unescaped(Reader *r, Py_ssize_t start, Py_ssize_t end) {
    Py_UCS4 *buffer = PyMem_New(Py_UCS4, end - start);
    Py_ssize_t length = 0, p;
    PyObject *text;
    if (buffer == NULL)
        return PyErr_NoMemory();
    for (p = start; p < end; p++) {
        Py_UCS4 c = CH(r, p);
        if (c == '\\') {
            c = CH(r, ++p); /* the scan below made sure one follows */
            if (c != '"' && c != '\\' && c != '/') {
                PyMem_Free(buffer);
                return GIVE_UP;
            }
        }
        buffer[length++] = c;
    }
    text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, length);
    PyMem_Free(buffer);
    return text;
}

/* Quoted text starting at `start`: its value, with *next set after the closing quote. */
static PyObject *quoted(Reader *r, Py_ssize_t start, Py_ssize_t end, Py_ssize_t *next) {
    Py_UCS4 quote = CH(r, start);
    Py_ssize_t q = start + 1;
    int doubled = 0, escaped = 0;
    PyObject *text, *value;
    while (q < end) {
        Py_UCS4 c = CH(r, q);
        if (quote == '"' && c == '\\') {
            if (q + 1 == end)
                return GIVE_UP;
            escaped = 1;
            q += 2;
            continue;
        }
        if (c == quote) {
            if (quote == '\'' && q + 1 < end && CH(r, q + 1) == '\'') {
                doubled = 1;
                q += 2;
                continue;
            }
            break;
        }
        q++;
    }
    if (q >= end)
        return GIVE_UP;
    *next = q + 1;
    if (escaped)
        return unescaped(r, start + 1, q);
    text = PyUnicode_Substring(r->text, start + 1, q);
    if (text == NULL || !doubled)
        return text;
    {
        PyObject *two = PyUnicode_FromString("''"), *one = PyUnicode_FromString("'");
        value = two && one ? PyUnicode_Replace(text, two, one, -1) : NULL;
        Py_XDECREF(two);
        Py_XDECREF(one);
    }
    Py_DECREF(text);
    return value;
}

/* One entry of a flow list or mapping: quoted text, or plain text without the characters that
 * could make it something else. */
static PyObject *flow_scalar(Reader *r, Py_ssize_t p, Py_ssize_t end, Py_ssize_t *next) {
    Py_UCS4 c;
    Py_ssize_t q;
    if (p >= end)
        return GIVE_UP;
    c = CH(r, p);
    if (c == '"' || c == '\'')
        return quoted(r, p, end, next);
    if (Py_UNICODE_ISSPACE(c) || is_indicator(c))
        return GIVE_UP;
    q = p + 1;
    while (q < end && !ends_flow_plain(CH(r, q)))
        q++;
    while (Py_UNICODE_ISSPACE(CH(r, q - 1)))
        q--; /* stops at p, which is not a space */
    *next = q;
    return plain(r, p, q);
}

/* A flow list or mapping on one line, starting at `start` with its bracket. */
static PyObject *flow(Reader *r, Py_ssize_t start, Py_ssize_t end, int pairs) {
    Py_UCS4 close = pairs ? '}' : ']';
    Py_ssize_t p = skip_spaces(r, start + 1, end), entries;
    PyObject *result = pairs ? PyDict_New() : PyList_New(0);
    if (result == NULL)
        return NULL;
    if (p < end && CH(r, p) == close) {
        p++;
        goto closed;
    }
    for (;;) {
        PyObject *key = NULL, *value;
        Py_ssize_t next;
        int failed;
        if (pairs) {
            Py_ssize_t q = p;
            if (q >= end || !is_key_start(CH(r, q)))
                goto give_up;
            while (q < end && is_key_char(CH(r, q)))
                q++;
            if (q - p > MAX_KEY || q + 1 >= end || CH(r, q) != ':' || CH(r, q + 1) != ' ')
                goto give_up;
            key = PyUnicode_Substring(r->text, p, q);
            if (key == NULL)
                goto error;
            if (PyDict_Contains(result, key)) {
                Py_DECREF(key);
                goto give_up;
            }
            p = skip_spaces(r, q + 1, end);
        }
        value = flow_scalar(r, p, end, &next);
        if (value == NULL) {
            Py_XDECREF(key);
            if (PyErr_Occurred())
                goto error;
            goto give_up;
        }
        failed = pairs ? PyDict_SetItem(result, key, value) : PyList_Append(result, value);
        Py_XDECREF(key);
        Py_DECREF(value);
        if (failed)
            goto error;
        p = skip_spaces(r, next, end);
        if (p < end && CH(r, p) == ',') {
            p = skip_spaces(r, p + 1, end);
            continue;
        }
        if (p < end && CH(r, p) == close) {
            p++;
            break;
        }
        goto give_up;
    }
closed:
    if (!rest_is_blank(r, p, end))
        goto give_up;
    entries = pairs ? PyDict_GET_SIZE(result) : PyList_GET_SIZE(result);
    if (count(r, entries) < 0)
        goto give_up;
    return result;
give_up:
    Py_DECREF(result);
    return GIVE_UP;
error:
    Py_DECREF(result);
    return NULL;
}

/* A value written on one line: plain or quoted text, or a flow list or mapping. */
static PyObject *inline_value(Reader *r, Py_ssize_t start, Py_ssize_t end) {
    Py_UCS4 first = CH(r, start);
    Py_ssize_t p;
    if (first == '"' || first == '\'') {
        Py_ssize_t next;
        PyObject *value = quoted(r, start, end, &next);
        if (value != NULL && !rest_is_blank(r, next, end)) {
            Py_DECREF(value);
            return GIVE_UP;
        }
        return value;
    }
    if (first == '[' || first == '{')
        return flow(r, start, end, first == '{');
    if (is_indicator(first))
        return GIVE_UP;
    for (p = start + 1; p < end; p++) /* a comment ends the value */
        if (CH(r, p) == '#' && CH(r, p - 1) == ' ') {
            end = p;
            break;
        }
    while (CH(r, end - 1) == ' ')
        end--; /* stops at start, which is not a space */
    if (CH(r, end - 1) == ':')
        return GIVE_UP;
    for (p = start; p + 1 < end; p++)
        if (CH(r, p) == ':' && CH(r, p + 1) == ' ')
            return GIVE_UP;
    return plain(r, start, end);
}

static PyObject *block(Reader *r, Py_ssize_t *i, int depth, PyObject *where);
static PyObject *mapping(Reader *r, Py_ssize_t *i, Py_ssize_t col, int depth, PyObject *where,
                         int entry);

static PyObject *sequence(Reader *r, Py_ssize_t *i, Py_ssize_t col, int depth, PyObject *where) {
    PyObject *items;
    if (depth > MAX_DEPTH)
        return GIVE_UP;
    items = PyList_New(0);
    if (items == NULL)
        return NULL;
    while (*i < r->n) {
        Row *row = &r->rows[*i];
        PyObject *at = NULL, *value = NULL;
        if (row->col != col || !row->dash)
            break;
        if (where != NULL) {
            at = joined_number(r, where, PyList_GET_SIZE(items));
            if (at == NULL)
                goto error;
        }
        if (row->key_end > row->key) { /* an entry that is a mapping, starting on the dash's line */
            if (at != NULL && note(r, at, row->line) < 0)
                goto error_at;
            value = mapping(r, i, col + row->dash, depth + 1, at, 1);
        } else if (has_value(r, row)) {
            value = inline_value(r, row->rest, row->end);
            if (value != NULL && at != NULL) {
                if (note(r, at, row->line) < 0)
                    goto error_value;
                if (PyDict_CheckExact(value)) {
                    PyObject *key, *inner;
                    Py_ssize_t pos = 0;
                    while (PyDict_Next(value, &pos, &key, &inner)) {
                        PyObject *path = joined(r, at, key);
                        if (path == NULL || note(r, path, row->line) < 0) {
                            Py_XDECREF(path);
                            goto error_value;
                        }
                        Py_DECREF(path);
                    }
                }
            }
            (*i)++;
        } else { /* an entry written on the lines below its dash */
            Row *below;
            (*i)++;
            if (*i == r->n || r->rows[*i].col <= col) {
                Py_XDECREF(at);
                goto give_up;
            }
            below = &r->rows[*i];
            if (at != NULL && note(r, at, below->line) < 0)
                goto error_at;
            value = block(r, i, depth + 1, below->key_end > below->key && !below->dash ? at : NULL);
        }
        Py_XDECREF(at);
        if (value == NULL) {
            if (PyErr_Occurred())
                goto error;
            goto give_up;
        }
        if (PyList_Append(items, value) < 0) {
            Py_DECREF(value);
            goto error;
        }
        Py_DECREF(value);
        if (*i < r->n && r->rows[*i].col > col)
            goto give_up;
        continue;
    error_value:
        Py_DECREF(value);
    error_at:
        Py_XDECREF(at);
        goto error;
    }
    if (count(r, PyList_GET_SIZE(items)) < 0)
        goto give_up;
    return items;
give_up:
    Py_DECREF(items);
    return GIVE_UP;
error:
    Py_DECREF(items);
    return NULL;
}

/* A block mapping at column `col`; with `entry`, its first key follows a list's dash. */
static PyObject *mapping(Reader *r, Py_ssize_t *i, Py_ssize_t col, int depth, PyObject *where,
                         int entry) {
    PyObject *result;
    Py_ssize_t first = entry ? *i : -1;
    if (depth > MAX_DEPTH)
        return GIVE_UP;
    result = PyDict_New();
    if (result == NULL)
        return NULL;
    while (*i < r->n) {
        Row *row = &r->rows[*i];
        PyObject *key, *at = NULL, *value = NULL;
        int known;
        if (*i != first && (row->col != col || row->dash))
            break;
        if (row->key_end == row->key)
            goto give_up;
        key = PyUnicode_Substring(r->text, row->key, row->key_end);
        if (key == NULL)
            goto error;
        known = PyDict_Contains(result, key);
        if (known) {
            Py_DECREF(key);
            if (known < 0)
                goto error;
            goto give_up;
        }
        if (depth == 0) {
            at = Py_NewRef(key);
        } else if (where != NULL) {
            at = joined(r, where, key);
            if (at == NULL)
                goto error_key;
        }
        if (has_value(r, row)) {
            Py_ssize_t line = row->line;
            value = inline_value(r, row->rest, row->end);
            (*i)++;
            if (value != NULL && at != NULL) {
                if (note(r, at, line) < 0)
                    goto error_value;
                if (depth == 0 && PyList_CheckExact(value)) {
                    Py_ssize_t number;
                    for (number = 0; number < PyList_GET_SIZE(value); number++) {
                        PyObject *path = joined_number(r, at, number);
                        if (path == NULL || note(r, path, line) < 0) {
                            Py_XDECREF(path);
                            goto error_value;
                        }
                        Py_DECREF(path);
                    }
                }
            }
        } else { /* the value is on the lines below */
            Py_ssize_t line = row->line;
            Row *below;
            (*i)++;
            if (*i == r->n) {
                Py_XDECREF(at);
                Py_DECREF(key);
                goto give_up; /* an empty value: left to the full reader */
            }
            below = &r->rows[*i];
            if (at != NULL) {
                PyObject *key_path;
                if (note(r, at, below->line) < 0)
                    goto error_at;
                if (below->line != line) {
                    key_path = PyUnicode_Concat(at, r->at_key);
                    if (key_path == NULL || note(r, key_path, line) < 0) {
                        Py_XDECREF(key_path);
                        goto error_at;
                    }
                    Py_DECREF(key_path);
                }
            }
            {
                PyObject *inner = depth == 0 && below->dash ? at : NULL; /* a top-level list */
                if (below->col > col)
                    value = block(r, i, depth + 1, inner);
                else if (below->col == col && below->dash) /* a list may start at its key's column */
                    value = sequence(r, i, col, depth + 1, inner);
                else {
                    Py_XDECREF(at);
                    Py_DECREF(key);
                    goto give_up; /* an empty value: left to the full reader */
                }
            }
        }
        Py_XDECREF(at);
        if (value == NULL) {
            Py_DECREF(key);
            if (PyErr_Occurred())
                goto error;
            goto give_up;
        }
        known = PyDict_SetItem(result, key, value);
        Py_DECREF(key);
        Py_DECREF(value);
        if (known < 0)
            goto error;
        if (*i < r->n && r->rows[*i].col > col)
            goto give_up;
        continue;
    error_value:
        Py_DECREF(value);
    error_at:
        Py_XDECREF(at);
    error_key:
        Py_DECREF(key);
        goto error;
    }
    if (count(r, PyDict_GET_SIZE(result)) < 0)
        goto give_up;
    return result;
give_up:
    Py_DECREF(result);
    return GIVE_UP;
error:
    Py_DECREF(result);
    return NULL;
}

/* The block mapping or list that starts on row *i. `where` is its path in the line index ("" for
 * the top level), or NULL where the index stops. */
static PyObject *block(Reader *r, Py_ssize_t *i, int depth, PyObject *where) {
    Row *row = &r->rows[*i];
    if (depth > MAX_DEPTH)
        return GIVE_UP;
    if (row->dash)
        return sequence(r, i, row->col, depth, where);
    if (row->key_end > row->key)
        return mapping(r, i, row->col, depth, where, 0);
    return GIVE_UP;
}

static PyObject *read_plain(PyObject *module, PyObject *args) {
    Reader r = {0};
    Py_ssize_t limit, screen, i = 0;
    PyObject *value = NULL, *result = NULL, *top = NULL, *index;
    if (!PyArg_ParseTuple(args, "UOOOnUUn:read", &r.text, &r.plain, &r.typed_first, &r.known,
                          &limit, &r.separator, &r.at_key, &screen))
        return NULL;
    if (r.known != Py_None && !PyDict_CheckExact(r.known)) {
        PyErr_SetString(PyExc_TypeError, "known must be a dict or None");
        return NULL;
    }
    if (r.typed_first != Py_None && !PyUnicode_Check(r.typed_first)) {
        PyErr_SetString(PyExc_TypeError, "typed_first must be text or None");
        return NULL;
    }
    r.kind = PyUnicode_KIND(r.text);
    r.data = PyUnicode_DATA(r.text);
    if (screen > 0 && !screened(&r, screen))
        return Py_NewRef(Py_False);
    if (scan_rows(&r) < 0)
        return NULL;
    if (r.n == 0)
        goto none;
    if (!r.rows[0].dash) {
        top = PyUnicode_FromStringAndSize("", 0);
        if (top == NULL)
            goto done;
    }
    value = block(&r, &i, 0, top);
    if (value == NULL) {
        if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_ValueError) &&
            !PyErr_ExceptionMatches(PyExc_RecursionError))
            goto done;
        PyErr_Clear();
        goto none;
    }
    if (i != r.n || r.values > limit)
        goto none;
    /* "{", the entries with a "}" for the last comma ("{}" when there are none) */
    if (reserve(&r, 2) < 0)
        goto done;
    if (r.index_length == 0) {
        r.index[0] = '{';
        r.index[1] = '}';
        r.index_length = 2;
    } else {
        memmove(r.index + 1, r.index, r.index_length);
        r.index[0] = '{';
        r.index[r.index_length] = '}';
        r.index_length++;
    }
    index = PyUnicode_DecodeASCII(r.index, r.index_length, NULL);
    if (index == NULL)
        goto done;
    result = Py_BuildValue("(ONn)", value, index, r.values);
    goto done;
none:
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(value);
    Py_XDECREF(top);
    PyMem_Free(r.index);
    PyMem_Free(r.rows);
    return result;
}

static PyMethodDef methods[] = {
    {"read", read_plain, METH_VARARGS,
     "read(text, plain, typed_first, known, limit, separator, at_key, screen): (value, line "
     "index, values) of plain YAML, None, or False when screen is given and the text fails it"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_plainyaml", "The quick reader of plain YAML, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__plainyaml(void) {
    PyObject *created = PyModule_Create(&module);
    if (created != NULL && PyModule_AddIntConstant(created, "INTERFACE", INTERFACE) < 0) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
