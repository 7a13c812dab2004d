import { MAX_QUESTION_CHARS, plainQuestion, readsAsQuestion } from '../../src/explain/question';

describe('plainQuestion', () => {
  it.each([
    ['<@U0BOT|docker> what is an image?', 'what is an image?'],
    ['<@u0bot> lower-cased by the router', 'lower-cased by the router'],
    ['hey <#C0DEVOPS|devops>, what is a layer?', 'hey , what is a layer?'],
    ['see <https://docs.docker.com/|the docs> please', 'see the docs please'],
    ['see <https://docs.docker.com/> please', 'see please'],
    ['<!channel> <!here> <!subteam^S0TEAM> what is a tag?', 'what is a tag?'],
    ['what does `docker commit` do?', 'what does docker commit do?'],
    ['```\ndocker run -d nginx\n```\nwhat happens?', 'docker run -d nginx what happens?'],
    ['```docker ps -a``` shows nothing', 'docker ps -a shows nothing'],
    ['```bash\ndocker images\n```', 'docker images'],
    ['is *this* _really_ ~so~ hard?', 'is this really so hard?'],
    ['a &lt; b &amp;&amp; c &gt; d', 'a < b && c > d'],
    ['ｉｍａｇｅ\u0000\u200b vs container', 'image vs container'],
  ])('%j reads as %j', (text, plain) => {
    expect(plainQuestion(text)).toBe(plain);
  });

  it(`keeps at most ${MAX_QUESTION_CHARS} characters`, () => {
    expect(Array.from(plainQuestion('🐳'.repeat(2000)))).toHaveLength(MAX_QUESTION_CHARS);
  });
});

describe('readsAsQuestion', () => {
  it.each([
    'what is the difference between an image and a container',
    'Why does my container stop?',
    'does docker commit change the image',
    'my image is huge?',
    'can I run two containers from one image',
  ])('%j is a question', (text) => {
    expect(readsAsQuestion(text)).toBe(true);
  });

  it.each(['deployed the new image to staging', 'the container build is green again 🎉', 'lunch at 12?!x'])(
    '%j is not a question',
    (text) => {
      expect(readsAsQuestion(text)).toBe(false);
    },
  );
});
