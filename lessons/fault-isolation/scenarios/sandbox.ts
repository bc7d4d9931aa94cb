import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';

export const scenario: Scenario = {
  id: 'sandbox',
  section: 'principle',
  title: { en: 'Free sandbox', zh: '自由沙盒' },
  brief: {
    en: 'No goal here: a fresh lab with the learner preset, both series seeded, no faults armed. Arm faults, flip flags, restart, ingest, read and repair as you like.',
    zh: '这里没有目标：一个全新的 lab，用学习预设，两条 series 都已填好历史，没有注入任何故障。注入故障、切换开关、重启、ingest、读取、修复，随你来。',
  },
  goal: {
    en: 'None: nothing is checked in the sandbox.',
    zh: '无：沙盒里不检查任何东西。',
  },
  hints: [
    {
      en: 'A good first experiment: arm a factor fault, ingest an overlapping batch with each compensation flag on and off, and compare which candles remain.',
      zh: '第一个实验可以这样做：注入一个 factor 故障，在补偿开关开和关两种情况下各 ingest 一批重叠数据，比较哪些 candle 留了下来。',
    },
    {
      en: 'Share the lab as a link when you find something worth showing: it replays the same actions from the same start.',
      zh: '发现值得给别人看的现象时，把 lab 分享成链接：它会从同一起点重放同样的动作。',
    },
  ],
  setup: { env: { ...LEARNER_PRESET_ENV } },
  solution: [],
  checks: [],
};
