/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.yaml`.
/// `OpenAPIDocumentTests` checks that its paths are exactly the API routes the application registers.
enum OpenAPIDocument {
    static let yaml = #"""
    openapi: 3.1.0
    info:
      title: Madoguchi API
      version: 1.0.0
      description: |
        The public JSON API of Madoguchi, the front office of a Japanese municipality.
        The guide answers which procedures (手続き) a life event triggers for a household, where, by when,
        and what to bring. Codes and rules: docs/catalog-spec.md; contract: docs/guide-api.md.
    paths:
      /api/v1/guide:
        post:
          operationId: guide
          summary: Procedures a life event triggers for a household
          parameters:
            - name: lang
              in: query
              required: false
              description: Language of sectionName, bring, whoMayFile and reason (Japanese by default).
              schema: {type: string, enum: [ja, en, easy]}
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/GuideRequest'}
          responses:
            '200':
              description: The procedures, in the order a citizen visits the sections.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/GuideResponse'}
            '400':
              description: Bad input (unknown event or value, malformed or impossible date, missing field, 0 or more than 20 members, body over 64 KiB).
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
      /api/v1/towns:
        get:
          operationId: towns
          summary: The municipality's 都道府県, name and 町字 (towns.yaml)
          description: |
            Public data, as the Digital Agency's address base registry (ABR) lists it: a form fills an address in the
            municipality from a postcode (one town, or the towns it serves) and writes a 番地 typed as 5-3 in the
            town's notation (addressing jukyo 住居表示: 5番3号; chiban 地番: 5番地3). Cached for an hour; the ETag
            changes with the catalog.
          responses:
            '200':
              description: The towns.
              content:
                application/json:
                  schema:
                    type: object
                    required: [prefecture, city, towns]
                    properties:
                      prefecture: {type: string, example: 栃木県}
                      city: {type: string, example: サンプル市}
                      towns:
                        type: array
                        items:
                          type: object
                          required: [id, name, kana, postcode, addressing]
                          properties:
                            id: {type: string, description: ABR 町字ID (7 digits), example: '0005000'}
                            name: {type: string, example: 緑町}
                            kana: {type: string, example: ミドリチョウ}
                            postcode: {type: string, pattern: '^[0-9]{7}$', example: '3294105'}
                            addressing: {type: string, enum: [jukyo, chiban]}
            '304':
              description: Not changed since the ETag given in If-None-Match.
            '404':
              description: The catalog does not say where the municipality is (no prefecture in municipality.yaml).
      /api/v1/counter/identity:
        post:
          operationId: counterIdentity
          summary: Fill a person of a Case from an ID card's four basic items (for the card-reader agent)
          description: |
            Needs a signed-in counter session (cookie) and its CSRF token in the X-CSRF-Token header.
            The 個人番号, when sent, is stored only encrypted and never returned.
          parameters:
            - name: X-CSRF-Token
              in: header
              required: true
              schema: {type: string}
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Identity'}
          responses:
            '200':
              description: The person was filled
              content:
                application/json:
                  schema:
                    type: object
                    required: [caseId, member]
                    properties:
                      caseId: {type: string, format: uuid}
                      member: {type: integer, minimum: 1}
            '400':
              description: Bad input (unknown Case, impossible date, wrong check digit…)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            '403':
              description: Not a counter session, or a missing or wrong CSRF token
      /api/v1/card-agent/pair:
        post:
          operationId: cardAgentPair
          summary: Exchange the one-time pairing code shown on a counter screen for the card agent's device token
          description: |
            The code (`/counter/card-agent`, 10 minutes, once) binds the agent to the staff member who showed it.
            The token is valid until the end of the day in Japan; send it as `Authorization: Bearer …`.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [code]
                  properties:
                    code: {type: string, example: K7QM-3TXA}
          responses:
            '200':
              description: Paired
              content:
                application/json:
                  schema:
                    type: object
                    required: [token, expiresAt, staff]
                    properties:
                      token: {type: string}
                      expiresAt: {type: string, format: date-time}
                      staff: {type: string}
            '400':
              description: No code in the body
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            '401':
              description: The code is unknown, used or expired
      /api/v1/card-agent/next:
        get:
          operationId: cardAgentNext
          summary: What the agent reads from the next card (asked before the PIN)
          description: |
            Needs the agent's device token. `myNumber` is true for five minutes after staff asked for the 個人番号 on
            the Case screen of a Case with a procedure of 個人番号利用事務, and for one card.
          responses:
            '200':
              description: What to read
              content:
                application/json:
                  schema:
                    type: object
                    required: [myNumber]
                    properties:
                      myNumber: {type: boolean}
            '401':
              description: No device token, or one not (or no longer) paired
      /api/v1/payments/notify:
        post:
          operationId: paymentNotified
          summary: The payment provider's notification that a checkout was paid (online certificate requests)
          description: |
            Signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256
            of "id.timestamp.body">` with `MADOGUCHI_PAYMENT_WEBHOOK_SECRET`), within five minutes. The body names the
            checkout; Madoguchi then asks the provider itself (`GET /v1/checkouts/{id}`) and marks the request paid once,
            if the amount and the reference are the request's. A notification for a request already paid is a 200.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [type, data]
                  properties:
                    type: {type: string, example: checkout.paid}
                    data:
                      type: object
                      required: [id, status, amount, reference]
                      properties:
                        id: {type: string}
                        status: {type: string, enum: [open, paid, declined, refunded]}
                        amount: {type: integer, description: yen}
                        reference: {type: string, description: the request's id}
          responses:
            '200':
              description: Taken (or already known)
            '401':
              description: The signature does not check
            '422':
              description: No request has that reference
      /api/v1/handoffs:
        get:
          operationId: listHandoffs
          summary: What waits for a core system (pull linkage), oldest first
          description: |
            Needs an API token of the target (`Authorization: Bearer …`, created with `madoguchi handoff token
            --target ID`). Each item is one procedure of a handed-off Case for this core system; it is offered
            again on every call until it is acknowledged, so a core system that stopped after fetching loses
            nothing. `after` pages by `seq`; a core system should store each `id` and apply it once.
          parameters:
            - {name: target, in: query, required: true, schema: {type: string}, description: the target id in handoffs.yaml}
            - {name: after, in: query, schema: {type: integer, minimum: 0}, description: the `next` of the previous page}
            - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
          responses:
            '200':
              description: A page of waiting hand-offs
              content:
                application/json:
                  schema:
                    type: object
                    required: [handoffs, next]
                    properties:
                      next: {type: integer}
                      handoffs:
                        type: array
                        items:
                          type: object
                          required: [id, seq, procedure, householdKey, attempts, payload]
                          properties:
                            id: {type: string, format: uuid}
                            seq: {type: integer}
                            procedure: {type: string}
                            householdKey: {type: string, description: hand-offs of one household are applied in seq order}
                            attempts: {type: integer}
                            payload:
                              type: object
                              description: |
                                Version 1: version, id, target, procedure, caseReference, eventKind, movement (異動事由),
                                eventDate (異動日), notificationDate (届出日), plannedMoveOutDate, addresses (old/new:
                                postcode, prefecture, city, town, banchi, katagaki) and people (number, residentCode,
                                familyName, givenName, familyKana, givenKana, birthDate, sex as ISO 5218, relation,
                                nationality, residenceStatus, residenceExpiry, residenceCardNumber). Names are exactly as the Case holds them;
                                the 個人番号 is never included.
            '401':
              description: No token, or an unknown or revoked one
            '403':
              description: The token belongs to another target
      /api/v1/handoffs/{id}/ack:
        post:
          operationId: acknowledgeHandoff
          summary: The core system has applied a hand-off (idempotent)
          description: |
            Marks the hand-off acknowledged and the Case's procedure done by the core system, in one commit; what
            the core system assigned is kept and shown on the Case (a 住民票コード on the person it was given to), and
            a 住民異動 shows in the counter's resident search as confirmed until an extract brings it into the
            register copy. Acknowledging again answers the same.
          parameters:
            - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    residentCode: {type: string, maxLength: 40, description: 住民票コード assigned (to the hand-off's first person)}
                    addresseeNumber: {type: string, maxLength: 40, description: 宛名番号}
                    recordNumber: {type: string, maxLength: 40, description: the core system's own record number}
                    people:
                      type: array
                      maxItems: 50
                      description: What was assigned to each person of the hand-off (number as in the payload)
                      items:
                        type: object
                        required: [number]
                        properties:
                          number: {type: integer, minimum: 1}
                          residentCode: {type: string, maxLength: 40}
                          addresseeNumber: {type: string, maxLength: 40}
          responses:
            '200':
              description: Acknowledged
              content:
                application/json:
                  schema:
                    type: object
                    required: [id, state, procedureDone]
                    properties:
                      id: {type: string}
                      state: {type: string, enum: [acknowledged]}
                      procedureDone: {type: boolean}
            '400':
              description: A value is empty, too long or spans lines
            '401':
              description: No token, or an unknown or revoked one
            '403':
              description: The token belongs to another target
            '404':
              description: No hand-off has this id
            '409':
              description: Staff cancelled the hand-off
      /api/v1/handoffs/ack:
        post:
          operationId: acknowledgeHandoffs
          summary: Acknowledge up to 500 hand-offs at once (each idempotent)
          description: |
            Each is applied as `POST /api/v1/handoffs/{id}/ack` would be, one after another; the answer lists each
            result in order, with `error` instead of a state for one that was not acknowledged (unknown id, another
            target's, cancelled by staff, an invalid value). The others are acknowledged regardless.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [acknowledgements]
                  properties:
                    acknowledgements:
                      type: array
                      minItems: 1
                      maxItems: 500
                      items:
                        type: object
                        required: [id]
                        properties:
                          id: {type: string, format: uuid}
                          residentCode: {type: string, maxLength: 40}
                          addresseeNumber: {type: string, maxLength: 40}
                          recordNumber: {type: string, maxLength: 40}
                          people: {type: array, maxItems: 50, items: {type: object, required: [number]}}
          responses:
            '200':
              description: One result per acknowledgement, in order
              content:
                application/json:
                  schema:
                    type: object
                    required: [results]
                    properties:
                      results:
                        type: array
                        items:
                          type: object
                          required: [id]
                          properties:
                            id: {type: string}
                            state: {type: string, enum: [acknowledged]}
                            procedureDone: {type: boolean}
                            error: {type: string}
            '400':
              description: Not JSON, or none or more than 500
            '401':
              description: No token, or an unknown or revoked one
      /api/v1/card-agent/reads:
        post:
          operationId: cardAgentRead
          summary: Deliver a card's four basic items to the paired staff member's Case screen
          description: |
            Needs the agent's device token (`Authorization: Bearer …`). The read waits on that staff member's
            screen (30 minutes) until one tap puts it into a person of a Case. The 個人番号 is accepted only when
            staff asked for it (`next` said so); it is stored sealed and goes only into the Case it was asked for.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [name, address, birthDate, sex]
                  properties:
                    name: {type: string, maxLength: 100, description: 氏名 as on the card (family and given name separated by a space)}
                    kana: {type: string, maxLength: 100}
                    address: {type: string, maxLength: 200}
                    birthDate: {type: string, description: YYYYMMDD as on the card, or YYYY-MM-DD}
                    sex: {type: string, enum: ['1', '2', '9', male, female]}
                    myNumber: {type: string, pattern: '^[0-9]{12}$', description: only when asked for}
          responses:
            '201':
              description: Delivered
              content:
                application/json:
                  schema:
                    type: object
                    required: [id, staff]
                    properties:
                      id: {type: string, format: uuid}
                      staff: {type: string}
            '400':
              description: A missing or wrong item
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            '401':
              description: No device token, or one not (or no longer) paired
      /healthz:
        get:
          operationId: health
          summary: Whether this instance and its database answer
          responses:
            '200':
              description: Healthy
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Health'}
            '503':
              description: The database does not answer
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Health'}
      /metrics:
        get:
          operationId: metrics
          summary: Prometheus metrics (text exposition format)
          responses:
            '200':
              description: Metrics
              content:
                text/plain: {schema: {type: string}}
      /openapi.yaml:
        get:
          operationId: openapi
          summary: This document
          responses:
            '200':
              description: OpenAPI 3.1 document
              content:
                application/yaml: {schema: {type: string}}
    components:
      schemas:
        Date:
          type: string
          format: date
          pattern: '^\d{4}-\d{2}-\d{2}$'
        GuideRequest:
          type: object
          required: [event, eventDate, members]
          properties:
            event: {type: string, enum: [move-in, move-out, move-within, birth, death, marriage, divorce]}
            eventDate: {$ref: '#/components/schemas/Date'}
            notificationDate: {oneOf: [{$ref: '#/components/schemas/Date'}, {type: 'null'}]}
            plannedMoveOutDate: {oneOf: [{$ref: '#/components/schemas/Date'}, {type: 'null'}]}
            knownDate: {oneOf: [{$ref: '#/components/schemas/Date'}, {type: 'null'}]}
            from:
              type: [object, 'null']
              properties:
                abroad: {type: boolean, default: false}
            household:
              type: [object, 'null']
              properties:
                dogs: {type: integer, minimum: 0, maximum: 99, default: 0}
                mopeds: {type: integer, minimum: 0, maximum: 99, default: 0}
            members:
              type: array
              minItems: 1
              maxItems: 20
              items: {$ref: '#/components/schemas/Member'}
        Member:
          type: object
          required: [relation, sex, birthDate]
          properties:
            id: {type: string, minLength: 1, maxLength: 64, description: 'Defaults to the position, "1", "2", …'}
            relation: {type: string, enum: [head, spouse, child, parent, other, newborn]}
            sex: {type: string, enum: [male, female]}
            birthDate: {$ref: '#/components/schemas/Date'}
            nationality: {type: string, pattern: '^[A-Za-z]{2}$', default: JP}
            moving: {type: boolean, default: true}
            insurance: {type: string, enum: [employee, dependent, national, late-elderly, welfare, none], default: none}
            pensionCategory: {type: [integer, 'null'], enum: [1, 2, 3, null]}
            careCertification: {type: string, enum: [none, support1, support2, care1, care2, care3, care4, care5], default: none}
            myNumberCard: {type: string, enum: [none, standard, face-auth], default: none}
            receives:
              type: array
              items: {type: string, enum: [child-allowance, child-rearing-allowance, pension]}
            disabilityCertificate: {type: boolean, default: false}
            pregnant: {type: boolean, default: false}
            needsNursery: {type: boolean, default: false}
            wantsSealRegistration: {type: boolean, default: false}
            sealRegistered: {type: boolean, default: false}
            publicServant: {type: boolean, default: false}
            deceased: {type: boolean, default: false}
            nameChanges: {type: boolean, default: false}
            custodialParent: {type: boolean, default: false}
            joinsSpouseEmployeeInsurance: {type: boolean, default: false}
        GuideResponse:
          type: object
          required: [event, procedures]
          properties:
            event: {type: string}
            procedures:
              type: array
              items: {$ref: '#/components/schemas/Procedure'}
        Procedure:
          type: object
          required: [code, section, sectionName, name, members, deadline, deadlineRule, forms, bring, whoMayFile, online, perMember, handlesMyNumber, reason]
          properties:
            code: {type: string, examples: [juki.tennyu]}
            section: {type: string, examples: [JUMIN]}
            sectionName: {type: string}
            name:
              type: object
              required: [ja, en]
              properties:
                ja: {type: string}
                en: {type: string}
            members: {type: array, items: {type: string}}
            deadline: {oneOf: [{$ref: '#/components/schemas/Date'}, {type: 'null'}]}
            deadlineRule: {type: string, examples: [JUKI_14]}
            forms: {type: array, items: {type: string}}
            bring: {type: array, items: {type: string}}
            whoMayFile: {type: array, items: {type: string}}
            online: {type: boolean}
            perMember: {type: boolean}
            handlesMyNumber: {type: boolean, description: 'The procedure is 個人番号利用事務'}
            reason: {type: string}
        Error:
          type: object
          required: [error]
          properties:
            error:
              type: object
              required: [code, message, field]
              properties:
                code:
                  type: string
                  enum: [invalid_json, unsupported_media_type, body_too_large, missing_field, invalid_type, invalid_value, invalid_date, too_many_members, no_members]
                message: {type: string}
                field: {type: [string, 'null'], examples: ['members[1].birthDate']}
        Identity:
          type: object
          properties:
            caseId: {type: string, format: uuid}
            reference: {type: string, examples: [K7QM-3TXA]}
            member: {type: integer, minimum: 1, description: 'The person to fill; a new person is added when absent'}
            name: {type: string, description: '氏名 as on the card, family and given name separated by a space'}
            familyName: {type: string}
            givenName: {type: string}
            kana: {type: string}
            birthDate: {type: string, description: 'YYYY-MM-DD, YYYYMMDD or 和暦'}
            sex: {type: string, enum: [male, female, '1', '2']}
            address: {type: string, description: 'One line as printed on the card'}
            myNumber: {type: string, pattern: '^[0-9 ]{12,14}$'}
        Health:
          type: object
          required: [status, database, catalogVersion]
          properties:
            status: {type: string, enum: [ok, unavailable]}
            database: {type: string}
            catalogVersion: {type: string}
    """#
}
