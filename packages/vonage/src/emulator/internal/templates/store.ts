/**
 * The template API's state: templates per WABA (each language variant its own template), their
 * review on the clock, and the media handles the emulator issued.
 *
 * Time is never read here: operations take `now` (milliseconds of the emulator's `Clock`) and
 * `advance(now)` ends every review that is due, so `TestClock.adjust` drives reviews.
 *
 * @internal
 */
import * as Crypto from "node:crypto"

/** A template as the emulator holds it. @internal */
export interface Template {
  readonly id: string
  /** Its place in creation order: what a cursor names. */
  readonly place: number
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly category: string
  /** As given, never rewritten. */
  readonly components: ReadonlyArray<unknown>
  /** Any text: a seed or a test may set statuses the page does not list. */
  status: string
  /** The review still to come: when it ends and how. */
  review: { readonly at: number; readonly outcome: "APPROVED" | "REJECTED" } | undefined
}

/** A file uploaded for a template's media header, and the handle issued for it. @internal */
export interface Upload {
  readonly handle: string
  readonly fileType: string
  readonly fileName: string | undefined
  readonly bytes: Uint8Array
}

/** A template the emulator starts with. @internal */
export interface Seed {
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly category: string
  readonly components?: ReadonlyArray<unknown> | undefined
  readonly status?: string | undefined
  readonly id?: string | undefined
}

/**
 * The legacy categories of the facts page's list, except MARKETING, which Meta's current set
 * still has. The guide: "Adding new languages to templates of *legacy* categories has been
 * disabled by Meta"; such a language is REJECTED when its review ends.
 *
 * @internal
 */
export const legacyCategories: ReadonlySet<string> = new Set([
  "TRANSACTIONAL",
  "OTP",
  "ACCOUNT_UPDATE",
  "PAYMENT_UPDATE",
  "PERSONAL_FINANCE_UPDATE",
  "SHIPPING_UPDATE",
  "RESERVATION_UPDATE",
  "ISSUE_RESOLUTION",
  "APPOINTMENT_UPDATE",
  "TRANSPORTATION_UPDATE",
  "TICKET_UPDATE",
  "ALERT_UPDATE",
  "AUTO_REPLY"
])

/** @internal */
export class TemplateStore {
  private readonly wabas = new Map<string, Map<string, Template>>()
  private readonly ids = new Set<string>()
  private readonly handles = new Map<string, Upload>()
  private nextPlace = 1

  /**
   * @param reviewMillis how long a created template stays PENDING
   * @param knownElsewhere whether a WABA exists though nothing was seeded for it (a deployment's)
   */
  constructor(readonly reviewMillis: number, private readonly knownElsewhere: (wabaId: string) => boolean) {}

  /** Makes a WABA known, with no templates yet. */
  addWaba(wabaId: string): void {
    if (!this.wabas.has(wabaId)) this.wabas.set(wabaId, new Map())
  }

  /** The templates of a WABA, in creation order; `undefined` when the account has no such WABA. */
  templatesOf(wabaId: string): Map<string, Template> | undefined {
    const known = this.wabas.get(wabaId)
    if (known !== undefined || !this.knownElsewhere(wabaId)) return known
    this.addWaba(wabaId)
    return this.wabas.get(wabaId)
  }

  /** Adds a seed, or says why it clashes with one added before. */
  seed(seed: Seed): string | undefined {
    if (seed.id !== undefined && this.ids.has(seed.id)) return `two seeded templates have the id ${seed.id}`
    this.addWaba(seed.wabaId)
    const templates = this.wabas.get(seed.wabaId) ?? new Map<string, Template>()
    if (this.variant(templates, seed.name, seed.language) !== undefined) {
      return `WABA ${seed.wabaId} is seeded twice with ${seed.name} in ${seed.language}`
    }
    this.add(templates, {
      id: seed.id,
      wabaId: seed.wabaId,
      name: seed.name,
      language: seed.language,
      category: seed.category,
      components: seed.components ?? [],
      status: seed.status ?? "APPROVED",
      review: undefined
    })
    return undefined
  }

  /** Ends every review due at `now`. */
  advance(now: number): void {
    for (const templates of this.wabas.values()) {
      for (const template of templates.values()) {
        if (template.review !== undefined && template.review.at <= now) {
          template.status = template.review.outcome
          template.review = undefined
        }
      }
    }
  }

  /** The variant of `name` in `language`, if there is one. */
  variant(templates: Map<string, Template>, name: string, language: string): Template | undefined {
    for (const template of templates.values()) {
      if (template.name === name && template.language === language) return template
    }
    return undefined
  }

  /** A new template, PENDING until its review ends. */
  create(
    now: number,
    wabaId: string,
    templates: Map<string, Template>,
    request: Pick<Template, "name" | "language" | "category" | "components">
  ): Template {
    const addsLanguageToLegacy = Array.from(templates.values()).some((template) =>
      template.name === request.name && template.language !== request.language &&
      legacyCategories.has(template.category)
    )
    return this.add(templates, {
      id: undefined,
      wabaId,
      ...request,
      status: "PENDING",
      review: { at: now + this.reviewMillis, outcome: addsLanguageToLegacy ? "REJECTED" : "APPROVED" }
    })
  }

  /** Deletes every language of `name`; the templates deleted. */
  deleteName(templates: Map<string, Template>, name: string): ReadonlyArray<Template> {
    const deleted = Array.from(templates.values()).filter((template) => template.name === name)
    for (const template of deleted) templates.delete(template.id)
    return deleted
  }

  /** Sets a template's status for good (a review still to come is dropped); false when there is no such template. */
  setStatus(wabaId: string, id: string, status: string): boolean {
    const template = this.wabas.get(wabaId)?.get(id)
    if (template === undefined) return false
    template.status = status
    template.review = undefined
    return true
  }

  /** Issues a handle for an uploaded file. The page is silent on the handle's form; this is Meta's (`4::<type>:<id>`). */
  upload(file: Omit<Upload, "handle">): Upload {
    const handle = `4::${Buffer.from(file.fileType).toString("base64")}:${Crypto.randomBytes(24).toString("base64url")}`
    const upload: Upload = { handle, ...file }
    this.handles.set(handle, upload)
    return upload
  }

  issued(handle: string): boolean {
    return this.handles.has(handle)
  }

  get uploads(): ReadonlyArray<Upload> {
    return Array.from(this.handles.values())
  }

  private add(
    templates: Map<string, Template>,
    template: Omit<Template, "id" | "place"> & { readonly id: string | undefined }
  ): Template {
    const place = this.nextPlace++
    const added: Template = { ...template, id: template.id ?? this.freshId(place), place }
    this.ids.add(added.id)
    templates.set(added.id, added)
    return added
  }

  /** The page is silent on the ids' form; they are numeric, as Meta's are. */
  private freshId(place: number): string {
    for (let attempt = place;; attempt += 1_000_000) {
      const id = `1${String(attempt).padStart(15, "0")}`
      if (!this.ids.has(id)) return id
    }
  }
}
