import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../model.js';
import { isFollowUp, topicPhrases } from './follow-up.js';
import { HeuristicQueryRewriter, rewriteFollowUp } from './heuristic-query-rewriter.js';

const history: ChatTurn[] = [
  { role: 'user', content: 'How do the light reactions of photosynthesis produce ATP?' },
  { role: 'assistant', content: 'The light reactions use sunlight to make ATP [1].' },
];

describe('isFollowUp', () => {
  it.each([
    'What are its drawbacks?',
    'Why is it important?',
    'What does this theorem say?',
    'what about the Calvin cycle?',
    'And in plants?',
    'How about mitochondria',
    'Why?',
    'Give me an example.',
    'Can you explain that in more detail?',
    'Tell me more',
  ])('"%s" is a follow-up', (question) => {
    expect(isFollowUp(question)).toBe(true);
  });

  it.each([
    'How does photosynthesis work and why is it important?',
    'Define osmosis',
    'What is the Krebs cycle?',
    'Osmosis?',
    'Who owns the copyright on Mickey Mouse?',
    'What is the theorem that states energy is conserved?',
  ])('"%s" stands alone', (question) => {
    expect(isFollowUp(question)).toBe(false);
  });
});

describe('topicPhrases', () => {
  it('keeps adjacent topic words together in their own spelling', () => {
    expect(topicPhrases("How do the light reactions of NASA's Calvin-cycle model explain ATP?")).toEqual([
      ['light', 'reactions'],
      ['NASA', 'Calvin', 'cycle', 'model'],
      ['ATP'],
    ]);
  });
});

describe('HeuristicQueryRewriter', () => {
  it('leaves stand-alone questions exactly as they are', async () => {
    const rewriter = new HeuristicQueryRewriter();
    expect(await rewriter.rewrite({ question: '  What is the Krebs cycle?', history })).toBe('  What is the Krebs cycle?');
  });

  it('adds the topic of the previous question to a follow-up', async () => {
    const rewriter = new HeuristicQueryRewriter();
    expect(await rewriter.rewrite({ question: 'What are its drawbacks?', history })).toBe(
      'What are its drawbacks? (light reactions, photosynthesis produce ATP)',
    );
    expect(await rewriter.rewrite({ question: 'what about the Calvin cycle?', history })).toBe(
      'what about the Calvin cycle? (light reactions, photosynthesis produce ATP)',
    );
  });

  it('skips words the follow-up already has', () => {
    expect(rewriteFollowUp('And why do reactions need light?', history)).toBe('And why do reactions need light? (photosynthesis produce ATP)');
  });

  it('goes back past a previous follow-up to the last stand-alone question', () => {
    const longer: ChatTurn[] = [
      { role: 'user', content: 'What is osmosis?' },
      { role: 'assistant', content: 'Osmosis is ...' },
      { role: 'user', content: 'What about diffusion?' },
      { role: 'assistant', content: 'Diffusion is ...' },
    ];
    expect(rewriteFollowUp('Why does it matter?', longer)).toBe('Why does it matter? (diffusion, osmosis)');
    expect(rewriteFollowUp('Why does it matter?', longer, { maxContextQuestions: 1 })).toBe('Why does it matter? (diffusion)');
  });

  it('caps the added words, skipping phrases that do not fit', () => {
    expect(rewriteFollowUp('Why?', history, { maxContextWords: 3 })).toBe('Why? (light reactions)');
    expect(rewriteFollowUp('Why?', history, { maxContextWords: 1 })).toBe('Why?');
  });

  it('returns a follow-up unchanged when there is nothing to borrow', () => {
    expect(rewriteFollowUp('Why?', [])).toBe('Why?');
    expect(rewriteFollowUp('Why?', [{ role: 'assistant', content: 'Hello! Ask me anything.' }])).toBe('Why?');
    expect(rewriteFollowUp('Why?', [{ role: 'user', content: 'Can you explain?' }])).toBe('Why?');
  });
});
