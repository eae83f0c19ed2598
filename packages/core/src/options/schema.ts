/**
 * Option schemas: how a format declares its options as data (name, kind of value, default,
 * allowed values, one-line description), so that book.yaml validation, `octavo formats` and
 * `octavo init`'s template all learn a format's options from its registry entry instead of
 * importing the format. Imports nothing but the diagnostics types: the manifest and every format
 * can depend on it without depending on each other.
 */

/** The kinds of value an option takes, as YAML gives them. */
export type OptionKind = 'boolean' | 'number' | 'string' | 'list' | 'mapping'

/** One option of a format. Keys of the schema are the camelCase names renderers receive. */
export interface OptionSpec {
  /** What the value may be; several when the renderer reads more than one spelling (`11` or `'11pt'`). */
  type: OptionKind | readonly OptionKind[]
  /** The value used when the option is absent, for docs and templates; omit when there is none or it depends on others. */
  default?: unknown
  /** The only values accepted, when the set is closed (`compressionLevel`: 0–9). */
  values?: readonly unknown[]
  /** A value worth showing in `octavo init`'s template when the default is not (`css: style.css`). */
  example?: unknown
  /** One line for `octavo formats`, `octavo init` and the README. */
  description: string
}

/** A format's options: camelCase option name → its spec. */
export type OptionSchema = Readonly<Record<string, OptionSpec>>

/** What the manifest needs to know about one output format to check its book.yaml section. */
export interface FormatSection {
  /** The format's registry name, which is also its book.yaml key (`epub:`). */
  name: string
  /** Its options; a format without a schema accepts any key. */
  options?: OptionSchema
}

/** `fontSize` → `font-size`: how book.yaml spells an option. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

/** `font-size` → `fontSize`: how a renderer spells a book.yaml key. */
export function camelCase(key: string): string {
  return key.replace(/[-_]+([a-z\d])/gi, (_, c: string) => c.toUpperCase())
}

function kindOf(value: unknown): OptionKind | undefined {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined
  if (typeof value === 'string') return 'string'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object' && value !== null) return 'mapping'
  return undefined
}

const KIND_WORDS: Record<OptionKind, string> = {
  boolean: 'true or false',
  number: 'a number',
  string: 'text',
  list: 'a list',
  mapping: 'a mapping',
}

/**
 * Why `value` does not fit `spec`, as the end of a sentence starting "`key` …"; undefined when
 * it fits. `null` (a key written with no value) fits nothing.
 *
 * @example
 *   checkOption({ type: 'boolean', description: '' }, 'yes') // 'must be true or false, not text'
 */
export function checkOption(spec: OptionSpec, value: unknown): string | undefined {
  const kinds = typeof spec.type === 'string' ? [spec.type] : spec.type
  const kind = kindOf(value)
  if (!kind || !kinds.includes(kind)) {
    const given = kind ? KIND_WORDS[kind] : value === null ? 'empty' : 'that value'
    return `must be ${kinds.map((k) => KIND_WORDS[k]).join(' or ')}, not ${given}`
  }
  if (spec.values && !spec.values.includes(value)) {
    return `must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`
  }
  return undefined
}

/** Plain text YAML would read as something else: a boolean, null or a number. */
const YAML_SCALAR =
  /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i

/** A value as YAML writes it, for templates and listings. */
export function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${kebabCase(k)}: ${yamlValue(v)}`).join(', ')} }`
  }
  if (typeof value === 'string')
    return /^[\w.-][\w./ -]*$/.test(value) && !YAML_SCALAR.test(value.trim()) ? value : JSON.stringify(value)
  return String(value)
}

/** One option as `octavo formats` and `octavo init` show it. */
export interface OptionRow {
  /** As book.yaml spells it: `font-size`. */
  key: string
  /** What it takes: `true or false`, `text or a mapping`, or its closed set of values. */
  takes: string
  /** The default as YAML, when there is one. */
  default?: string
  /** The example (else the default) as YAML, for a template line. */
  sample?: string
  description: string
}

/**
 * A schema as rows for listings and templates, in declaration order.
 *
 * @example
 *   for (const row of optionRows(getRenderer('pdf')!.options!)) console.log(`${row.key}: ${row.sample ?? ''}`)
 */
export function optionRows(schema: OptionSchema): OptionRow[] {
  return Object.entries(schema).map(([name, spec]) => {
    const kinds = typeof spec.type === 'string' ? [spec.type] : spec.type
    const row: OptionRow = {
      key: kebabCase(name),
      takes: spec.values
        ? spec.values.map((v) => yamlValue(v)).join(' ')
        : kinds.map((k) => KIND_WORDS[k]).join(' or '),
      description: spec.description,
    }
    if (spec.default !== undefined) row.default = yamlValue(spec.default)
    const sample = spec.example ?? spec.default
    if (sample !== undefined) row.sample = yamlValue(sample)
    return row
  })
}
