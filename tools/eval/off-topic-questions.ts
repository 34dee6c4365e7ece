/**
 * General-knowledge questions that no financial filing or systems paper answers: the relevance
 * floor should reject them ("not in your documents"). Several share words with filings
 * ("capital", "team", "world", "light") on purpose.
 */
export const offTopicQuestions: readonly string[] = [
  'What is the capital of Peru?',
  'Who wrote Pride and Prejudice?',
  'How many moons does Jupiter have?',
  'What is the boiling point of water at sea level in Fahrenheit?',
  'Who painted the Mona Lisa?',
  'What is the recipe for a classic margherita pizza?',
  'How do I fix a flat tire on a bicycle?',
  'When did the Western Roman Empire fall?',
  'What is the chemical symbol for gold?',
  'Which team won the 1998 FIFA World Cup?',
  'What is the tallest mountain in Africa?',
  'How does photosynthesis work in plants?',
  'Who was the first person to walk on the Moon?',
  'What language is spoken in Brazil?',
  'How many bones are in the adult human body?',
  'What happens in the plot of Hamlet?',
  'What is the speed of light in a vacuum?',
  'How do you say thank you in Japanese?',
  'What causes the northern lights?',
  'Which planet is known as the Red Planet?',
];
