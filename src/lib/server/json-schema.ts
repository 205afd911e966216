import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import {
	BankSchema,
	QuestionSchema,
	RegisterSchema,
	SourceSchema,
	StorySchema
} from '../content/model';

/** JSON Schemas for the kinds of content file, derived from the valibot schemas. */
export function contentJsonSchemas(): Record<'source' | 'story' | 'bank' | 'register', object> {
	const convert = (schema: v.GenericSchema, title: string) => ({
		...toJsonSchema(schema, { errorMode: 'ignore', target: 'draft-07' }),
		title
	});
	const bank = v.strictObject({ ...BankSchema.entries, questions: v.array(QuestionSchema) });
	return {
		source: convert(SourceSchema, 'Byline source (one article)'),
		story: convert(StorySchema, 'Byline story'),
		bank: convert(bank, 'Byline question bank'),
		register: convert(RegisterSchema, 'Byline register of shipped question ids')
	};
}
