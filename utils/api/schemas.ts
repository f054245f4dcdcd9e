import { z } from '../zod';

/**
 * Answers are parsed leniently: unknown fields pass, optional fields may be missing
 * (ghl-api/README.md). Only what the product reads is required.
 */

const tagList = z.array(z.string());

export const contactAnswer = z.looseObject({
  contact: z.looseObject({
    id: z.string(),
    locationId: z.string().optional(),
    contactName: z.string().nullish(),
    name: z.string().nullish(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    tags: tagList.nullish(),
  }),
});

export const tagsAnswer = z.looseObject({ tags: tagList });

export const locationTagsAnswer = z.looseObject({
  tags: z.array(z.looseObject({ id: z.string().optional(), name: z.string() })),
});

export const conversationAnswer = z.looseObject({
  contactId: z.string(),
  locationId: z.string().optional(),
});

export const opportunityAnswer = z.looseObject({
  opportunity: z.looseObject({
    contactId: z.string(),
    locationId: z.string().optional(),
  }),
});

const contactSummary = contactAnswer.shape.contact;

export const searchAnswer = z.looseObject({
  contacts: z.array(contactSummary),
  total: z.number().optional(),
});

/** The document types `responses` as strings; its own example and practice are objects. */
export const bulkAnswer = z.looseObject({
  succeded: z.boolean().optional(),
  errorCount: z.number().optional(),
  responses: z.array(
    z.looseObject({
      contactId: z.string(),
      type: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

export type RawContact = z.infer<typeof contactSummary>;
