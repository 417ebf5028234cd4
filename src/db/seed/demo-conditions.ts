/**
 * Clinical vocabulary for the demo chart: conditions by discipline, with the measurements, tests and
 * interventions that notes about them mention. Invented cases written in the usual clinical shorthand.
 */

export type DemoDiscipline = 'physiotherapy' | 'chiropractic' | 'massage-therapy' | 'kinesiology' | 'counselling' | 'naturopathy';

export type Funder = 'private' | 'extended-health' | 'motor-vehicle' | 'workers-compensation';

export interface Movement {
  name: string;
  /** Normal range in degrees; 0 for movements measured as a lag (knee extension). */
  normal: number;
  /** A typically impaired value at first visit. */
  worst: number;
}

export interface OutcomeMeasure {
  name: string;
  max: number;
  /** Whether a higher score means more disability. */
  higherIsWorse: boolean;
  start: readonly [number, number];
  end: readonly [number, number];
  unit: string;
}

export interface BodyRegion {
  name: string;
  sided: boolean;
  movements: readonly Movement[];
  muscles: readonly string[];
  palpation: readonly string[];
  manual: readonly string[];
  adjustments: readonly string[];
  massage: readonly string[];
  exercises: readonly string[];
  neuro: string;
  /** Segments a chiropractor may find restricted on motion palpation. */
  segments: readonly string[];
}

export interface MskCondition {
  kind: 'msk';
  label: string;
  region: BodyRegion;
  disciplines: readonly DemoDiscipline[];
  funder: Funder | null;
  mechanisms: readonly string[];
  aggravating: readonly string[];
  easing: readonly string[];
  positiveTests: readonly string[];
  negativeTests: readonly string[];
  outcome: OutcomeMeasure;
  goals: readonly string[];
  planTitle: string;
  /** Typical visit count for one episode of care. */
  visits: readonly [number, number];
  minAge: number;
}

export interface CounsellingCondition {
  kind: 'counselling';
  label: string;
  funder: Funder | null;
  presenting: readonly string[];
  history: readonly string[];
  themes: readonly string[];
  interventions: readonly string[];
  homework: readonly string[];
  /** What keeps the problem going, for the formulation. */
  maintaining: readonly string[];
  moods: readonly string[];
  outcome: OutcomeMeasure;
  goals: readonly string[];
  planTitle: string;
  visits: readonly [number, number];
  minAge: number;
}

export interface NaturopathyCondition {
  kind: 'naturopathy';
  label: string;
  symptoms: readonly string[];
  history: readonly string[];
  labs: readonly string[];
  diet: readonly string[];
  supplements: readonly string[];
  lifestyle: readonly string[];
  trackedSymptom: string;
  exam: string;
  goals: readonly string[];
  planTitle: string;
  visits: readonly [number, number];
  minAge: number;
  sexes: readonly ('female' | 'male' | 'other' | 'unknown')[] | null;
}

export type DemoCondition = MskCondition | CounsellingCondition | NaturopathyCondition;

const SHOULDER: BodyRegion = {
  name: 'shoulder',
  sided: true,
  movements: [
    { name: 'flexion', normal: 180, worst: 110 },
    { name: 'abduction', normal: 180, worst: 95 },
    { name: 'external rotation', normal: 90, worst: 45 },
    { name: 'internal rotation', normal: 70, worst: 40 },
  ],
  muscles: ['supraspinatus', 'infraspinatus', 'subscapularis', 'deltoid', 'lower trapezius', 'serratus anterior'],
  palpation: [
    'tender over the greater tuberosity',
    'tender over the bicipital groove',
    'increased tone in upper trapezius and levator scapulae',
    'trigger points in infraspinatus reproducing lateral arm ache',
  ],
  manual: [
    'grade III posterior glenohumeral glides',
    'inferior glides in 60° abduction',
    'soft-tissue release to infraspinatus and teres minor',
    'thoracic extension mobilisations T4–T7',
  ],
  adjustments: [
    'diversified adjustment to T3–T5',
    'glenohumeral joint mobilisation',
    'instrument-assisted soft-tissue work to infraspinatus',
  ],
  massage: [
    'effleurage and petrissage to upper back and shoulder girdle',
    'trigger point release to infraspinatus and upper trapezius',
    'cross-fibre frictions to supraspinatus tendon',
    'passive range of motion within comfort',
  ],
  exercises: [
    'side-lying external rotation with 1 kg, 3 × 12',
    'banded rows, 3 × 15',
    'scapular setting in prone, 3 × 10 with 5 s holds',
    'wall slides with foam roller, 2 × 10',
    'isometric external rotation against wall, 5 × 30 s',
    'full can raises to 90° with 0.5 kg, 3 × 10',
  ],
  neuro: 'C5–T1 dermatomes and myotomes intact; reflexes 2+ and symmetrical',
  segments: ['T3–T4', 'T4–T5', 'right first rib', 'C7–T1'],
};

const ANKLE: BodyRegion = {
  name: 'ankle',
  sided: true,
  movements: [
    { name: 'dorsiflexion', normal: 20, worst: 5 },
    { name: 'plantarflexion', normal: 50, worst: 30 },
    { name: 'inversion', normal: 35, worst: 15 },
    { name: 'eversion', normal: 15, worst: 8 },
  ],
  muscles: ['peroneals', 'tibialis anterior', 'gastrocnemius', 'tibialis posterior'],
  palpation: [
    'tender over the ATFL',
    'mild swelling anterior to the lateral malleolus',
    'tender over the CFL',
    'no bony tenderness at the base of the fifth metatarsal',
  ],
  manual: [
    'anterior-to-posterior talocrural glides, grade III',
    'mobilisation with movement for dorsiflexion in standing',
    'retrograde effleurage for swelling',
  ],
  adjustments: ['talocrural joint mobilisation', 'subtalar joint manipulation'],
  massage: [
    'lymphatic drainage strokes to the ankle',
    'petrissage to gastrocnemius and soleus',
    'cross-fibre frictions to the peroneal tendons',
  ],
  exercises: [
    'single-leg balance on foam, 3 × 30 s',
    'resisted eversion with band, 3 × 15',
    'heel raises, 3 × 15',
    'knee-to-wall dorsiflexion stretch, 3 × 30 s',
    'lateral hops progressing to figure-of-eight hops',
    'Y-balance reaches, 2 × 8 each direction',
  ],
  neuro: 'L4–S1 sensation intact; no paraesthesia',
  segments: ['talocrural joint', 'subtalar joint', 'proximal tibiofibular joint'],
};

const LUMBAR: BodyRegion = {
  name: 'lower back',
  sided: false,
  movements: [
    { name: 'lumbar flexion', normal: 60, worst: 30 },
    { name: 'lumbar extension', normal: 25, worst: 10 },
    { name: 'side flexion left', normal: 25, worst: 15 },
    { name: 'side flexion right', normal: 25, worst: 12 },
  ],
  muscles: ['gluteus medius', 'gluteus maximus', 'transversus abdominis (endurance)', 'hip flexors'],
  palpation: [
    'tender over L4–L5 paraspinals',
    'hypertonic right quadratus lumborum',
    'stiff central PAs L3–L5',
    'tender over the left sacroiliac joint',
  ],
  manual: [
    'central PA mobilisations L3–L5, grade III',
    'lumbar rotation mobilisation in side-lying',
    'soft-tissue release to quadratus lumborum',
    'hip flexor muscle energy technique',
  ],
  adjustments: [
    'side-posture lumbar adjustment L4–L5',
    'sacroiliac joint adjustment (drop table)',
    'flexion-distraction to the lumbar spine',
  ],
  massage: [
    'effleurage and petrissage to lumbar erector spinae',
    'trigger point release to quadratus lumborum and gluteus medius',
    'myofascial release to the thoracolumbar fascia',
  ],
  exercises: [
    'bird-dog, 3 × 10 each side',
    'glute bridges, 3 × 12',
    'side plank on knees, 3 × 20 s',
    'McGill curl-up, 3 × 8',
    'hip hinge with dowel, 2 × 10',
    'walking program: 20 minutes daily',
  ],
  neuro: 'L2–S1 dermatomes and myotomes intact; SLR negative bilaterally; reflexes symmetrical',
  segments: ['L4–L5 left', 'L5–S1', 'right SI joint', 'T12–L1'],
};

const KNEE: BodyRegion = {
  name: 'knee',
  sided: true,
  movements: [
    { name: 'knee flexion', normal: 140, worst: 95 },
    { name: 'knee extension (lag)', normal: 0, worst: 10 },
  ],
  muscles: ['quadriceps', 'hamstrings', 'gluteus medius', 'hip external rotators'],
  palpation: [
    'tender over the medial patellar facet',
    'mild effusion (stroke test 1+)',
    'tender over the patellar tendon',
    'tight lateral retinaculum',
  ],
  manual: [
    'patellar mobilisations, medial glide',
    'tibiofemoral extension mobilisation',
    'soft-tissue release to vastus lateralis and ITB',
  ],
  adjustments: ['tibiofemoral joint mobilisation', 'proximal tibiofibular adjustment'],
  massage: ['petrissage to quadriceps and hamstrings', 'myofascial release along the iliotibial band', 'effleurage for mild swelling'],
  exercises: [
    'quadriceps sets with towel, 3 × 10 with 5 s holds',
    'straight-leg raises, 3 × 12',
    'mini squats to 45°, 3 × 12',
    'step-ups onto 15 cm step, 3 × 10',
    'side-lying hip abduction, 3 × 15',
    'stationary bike, 15 minutes low resistance',
  ],
  neuro: 'L3–S1 sensation intact; no giving way reported',
  segments: ['proximal tibiofibular joint', 'patellofemoral joint', 'L3–L4'],
};

const CERVICAL: BodyRegion = {
  name: 'neck',
  sided: false,
  movements: [
    { name: 'cervical flexion', normal: 50, worst: 30 },
    { name: 'cervical extension', normal: 60, worst: 35 },
    { name: 'rotation left', normal: 80, worst: 50 },
    { name: 'rotation right', normal: 80, worst: 45 },
  ],
  muscles: ['deep neck flexors (endurance)', 'middle trapezius', 'lower trapezius', 'rhomboids'],
  palpation: [
    'hypertonic upper trapezius bilaterally',
    'tender C2–C3 facet on the right',
    'tender suboccipitals',
    'stiff upper thoracic spine T1–T4',
  ],
  manual: ['upper cervical SNAGs', 'unilateral PAs C2–C4, grade II–III', 'thoracic manipulation T2–T5', 'suboccipital release'],
  adjustments: ['diversified adjustment to C2 and C5', 'upper thoracic adjustment T2–T4', 'cervical mobilisation with traction'],
  massage: [
    'effleurage to posterior neck and upper back',
    'suboccipital release',
    'trigger point release to upper trapezius and levator scapulae',
    'stretching of scalenes within comfort',
  ],
  exercises: [
    'chin tucks in supine, 3 × 10 with 10 s holds',
    'scapular retraction with band, 3 × 15',
    'cervical rotation self-SNAG, 2 × 10',
    'thoracic extension over chair, 2 × 10',
    'upper trapezius stretch, 3 × 30 s',
  ],
  neuro: 'C5–T1 dermatomes and myotomes intact; upper limb tension tests negative',
  segments: ['C1–C2 left', 'C5–C6 right', 'T1–T2', 'C2–C3 right'],
};

const ELBOW: BodyRegion = {
  name: 'elbow',
  sided: true,
  movements: [
    { name: 'elbow extension (lag)', normal: 0, worst: 5 },
    { name: 'wrist extension', normal: 70, worst: 50 },
  ],
  muscles: ['wrist extensors', 'grip (dynamometer)', 'supinator', 'rotator cuff'],
  palpation: [
    'tender over the common extensor origin',
    'tender over ECRB 1 cm distal to the lateral epicondyle',
    'increased tone in the forearm extensors',
  ],
  manual: ['lateral glide mobilisation with movement', 'transverse frictions to ECRB', 'radial head mobilisation'],
  adjustments: ['radiohumeral joint mobilisation', 'instrument-assisted soft-tissue work to the forearm extensors'],
  massage: ['petrissage to forearm extensors', 'cross-fibre frictions at the common extensor origin', 'stripping of the forearm extensors'],
  exercises: [
    'isometric wrist extension, 5 × 45 s',
    'eccentric wrist extension with 1 kg, 3 × 15',
    'forearm supination/pronation with hammer, 3 × 12',
    'grip squeezes with putty, 3 × 20',
  ],
  neuro: 'C5–T1 intact; no paraesthesia in the hand',
  segments: ['radiohumeral joint', 'C5–C6 right', 'distal radioulnar joint'],
};

const FOOT: BodyRegion = {
  name: 'heel',
  sided: true,
  movements: [
    { name: 'ankle dorsiflexion', normal: 20, worst: 8 },
    { name: 'first MTP extension', normal: 65, worst: 40 },
  ],
  muscles: ['intrinsic foot muscles', 'gastrocnemius', 'soleus', 'tibialis posterior'],
  palpation: ['tender at the medial calcaneal tubercle', 'tight gastrocnemius and soleus', 'tender along the medial plantar fascia'],
  manual: ['soft-tissue release to plantar fascia and calf', 'talocrural posterior glides', 'first MTP mobilisation'],
  adjustments: ['calcaneal mobilisation', 'first MTP joint mobilisation'],
  massage: ['deep stroking to the plantar fascia', 'petrissage to gastrocnemius and soleus', 'trigger point release to soleus'],
  exercises: [
    'high-load plantar fascia strengthening (heel raise on towel), 3 × 12',
    'calf stretch, 3 × 30 s',
    'towel scrunches, 2 × 20',
    'short-foot exercise, 3 × 10',
  ],
  neuro: 'L4–S1 intact; Tinel sign at the tarsal tunnel negative',
  segments: ['first MTP joint', 'subtalar joint', 'calcaneocuboid joint'],
};

const HIP: BodyRegion = {
  name: 'hip',
  sided: true,
  movements: [
    { name: 'hip flexion', normal: 120, worst: 90 },
    { name: 'hip internal rotation', normal: 35, worst: 10 },
    { name: 'hip external rotation', normal: 45, worst: 25 },
    { name: 'hip abduction', normal: 45, worst: 25 },
  ],
  muscles: ['gluteus medius', 'gluteus maximus', 'hip flexors', 'quadriceps'],
  palpation: ['tender over the greater trochanter', 'tight hip flexors', 'mild tenderness anterior hip joint line'],
  manual: ['long-axis distraction of the hip', 'posterior hip glides in flexion', 'soft-tissue release to TFL and gluteus medius'],
  adjustments: ['hip long-axis distraction', 'sacroiliac joint mobilisation'],
  massage: ['petrissage to gluteal muscles', 'myofascial release to TFL', 'passive hip range of motion within comfort'],
  exercises: [
    'sit-to-stand from chair, 3 × 10',
    'side-lying hip abduction, 3 × 12',
    'clamshells with band, 3 × 15',
    'standing hip extension at counter, 3 × 12',
    'aquatic walking 20 minutes twice weekly',
  ],
  neuro: 'L2–S1 intact; no radicular signs',
  segments: ['left SI joint', 'L5–S1', 'hip joint (capsular restriction)'],
};

export const MSK_CONDITIONS: readonly MskCondition[] = [
  {
    kind: 'msk',
    label: 'rotator cuff tendinopathy',
    region: SHOULDER,
    disciplines: ['physiotherapy', 'massage-therapy', 'kinesiology', 'chiropractic'],
    funder: null,
    mechanisms: [
      'gradual onset after painting a ceiling over a long weekend',
      'increasing overhead work at a new warehouse job',
      'return to recreational swimming after two years off',
      'reaching into the back seat of a car',
    ],
    aggravating: ['reaching overhead', 'lying on the affected side', 'putting on a jacket', 'lifting groceries onto shelves'],
    easing: ['rest with the arm supported', 'heat', 'ibuprofen as needed'],
    positiveTests: ['Hawkins-Kennedy', 'painful arc 70–120°', 'empty can (pain and weakness)', 'resisted external rotation (pain)'],
    negativeTests: ['drop arm', 'external rotation lag sign', 'Speed test', 'apprehension test'],
    outcome: { name: 'QuickDASH', max: 100, higherIsWorse: true, start: [38, 58], end: [5, 16], unit: '/100' },
    goals: [
      'Reach overhead to kitchen cupboards without pain',
      'Sleep through the night on the affected side',
      'Return to swimming 1 km twice weekly',
      'Lift a 5 kg box to shoulder height at work',
    ],
    planTitle: 'Shoulder rehabilitation',
    visits: [6, 14],
    minAge: 18,
  },
  {
    kind: 'msk',
    label: 'lateral ankle sprain',
    region: ANKLE,
    disciplines: ['physiotherapy', 'kinesiology'],
    funder: null,
    mechanisms: [
      'inversion injury stepping off a curb',
      'rolled ankle playing recreational soccer',
      'inversion injury on a trail run',
      'missed the last stair at home',
    ],
    aggravating: ['walking on uneven ground', 'stairs', 'standing longer than an hour'],
    easing: ['elevation', 'compression sleeve', 'ice after activity'],
    positiveTests: ['anterior drawer (mild laxity)', 'talar tilt (pain)'],
    negativeTests: ['squeeze test', 'external rotation stress test', 'Ottawa ankle rules'],
    outcome: { name: 'LEFS', max: 80, higherIsWorse: false, start: [32, 50], end: [70, 79], unit: '/80' },
    goals: [
      'Walk 5 km on uneven trails without pain',
      'Return to soccer with full cutting and jumping',
      'Single-leg balance 30 s eyes closed, symmetrical',
    ],
    planTitle: 'Ankle sprain rehabilitation and return to sport',
    visits: [4, 10],
    minAge: 10,
  },
  {
    kind: 'msk',
    label: 'mechanical low back pain',
    region: LUMBAR,
    disciplines: ['physiotherapy', 'chiropractic', 'massage-therapy', 'kinesiology'],
    funder: null,
    mechanisms: [
      'onset after moving furniture',
      'gradual onset with prolonged sitting while working from home',
      'woke with pain after a long drive',
      'bending to lift a toddler',
    ],
    aggravating: ['sitting longer than 30 minutes', 'bending forward', 'getting out of the car', 'vacuuming'],
    easing: ['walking', 'lying with knees bent', 'changing position often'],
    positiveTests: [
      'repeated extension in standing centralises pain',
      'prone instability test',
      'pain with combined extension and rotation',
    ],
    negativeTests: ['slump test', 'straight-leg raise', 'crossed straight-leg raise', 'femoral nerve tension test'],
    outcome: { name: 'Oswestry Disability Index', max: 100, higherIsWorse: true, start: [28, 48], end: [4, 14], unit: '%' },
    goals: [
      'Sit through a full workday with short breaks and pain ≤ 2/10',
      'Lift a 10 kg laundry basket with good mechanics',
      'Return to golf (9 holes) without flare-up',
    ],
    planTitle: 'Low back pain management',
    visits: [5, 12],
    minAge: 18,
  },
  {
    kind: 'msk',
    label: 'patellofemoral pain',
    region: KNEE,
    disciplines: ['physiotherapy', 'kinesiology'],
    funder: null,
    mechanisms: [
      'increase in running mileage training for a half marathon',
      'started a new spin class five times per week',
      'gradual onset after hiking season',
    ],
    aggravating: ['stairs, especially descending', 'squatting', 'sitting with knees bent in a movie theatre', 'running downhill'],
    easing: ['straightening the leg', 'rest', 'ice'],
    positiveTests: ['pain with step-down test', 'pain with resisted knee extension at 45°', 'dynamic valgus on single-leg squat'],
    negativeTests: ['Lachman', 'McMurray', 'valgus and varus stress tests'],
    outcome: { name: 'LEFS', max: 80, higherIsWorse: false, start: [40, 56], end: [70, 80], unit: '/80' },
    goals: ['Descend stairs without pain', 'Run 10 km pain-free', 'Squat to 90° with good knee alignment'],
    planTitle: 'Knee pain: strengthening and running program',
    visits: [5, 10],
    minAge: 12,
  },
  {
    kind: 'msk',
    label: 'whiplash-associated disorder (grade II)',
    region: CERVICAL,
    disciplines: ['physiotherapy', 'chiropractic', 'massage-therapy'],
    funder: 'motor-vehicle',
    mechanisms: [
      'rear-ended while stopped at a red light',
      'side-impact collision in a parking lot',
      'rear-end collision on the highway at moderate speed',
    ],
    aggravating: ['shoulder checking while driving', 'looking down at a phone', 'computer work longer than an hour'],
    easing: ['heat', 'gentle movement', 'lying down'],
    positiveTests: ['cervical flexion-rotation test (limited to the right)', 'pain with combined extension and rotation'],
    negativeTests: ['Spurling test', 'upper limb tension test 1', 'Sharp-Purser test', 'vertebrobasilar screening'],
    outcome: { name: 'Neck Disability Index', max: 50, higherIsWorse: true, start: [16, 28], end: [3, 8], unit: '/50' },
    goals: ['Shoulder check both ways without pain', 'Return to full-time computer work', 'Sleep without waking from neck pain'],
    planTitle: 'Neck rehabilitation after motor vehicle collision',
    visits: [8, 20],
    minAge: 16,
  },
  {
    kind: 'msk',
    label: 'lateral elbow tendinopathy',
    region: ELBOW,
    disciplines: ['physiotherapy', 'massage-therapy'],
    funder: null,
    mechanisms: [
      'started after a weekend of pruning the garden',
      'gradual onset with a new mouse and keyboard setup',
      'increased pickleball play',
    ],
    aggravating: ['gripping a kettle', 'shaking hands', 'typing', 'carrying bags with the palm down'],
    easing: ['rest', 'counterforce brace', 'ice'],
    positiveTests: [
      'Cozen test',
      'Mill test',
      'pain with resisted middle finger extension',
      'pain-free grip reduced compared with the other side',
    ],
    negativeTests: ['valgus stress test', 'Tinel at the cubital tunnel'],
    outcome: { name: 'PRTEE', max: 100, higherIsWorse: true, start: [42, 66], end: [5, 16], unit: '/100' },
    goals: ['Carry a full kettle without pain', 'Play pickleball for an hour', 'Type through a workday without symptoms'],
    planTitle: 'Elbow tendinopathy loading program',
    visits: [5, 10],
    minAge: 25,
  },
  {
    kind: 'msk',
    label: 'ACL reconstruction (post-operative rehabilitation)',
    region: KNEE,
    disciplines: ['physiotherapy', 'kinesiology'],
    funder: null,
    mechanisms: [
      'non-contact pivot injury skiing; hamstring autograft reconstruction',
      'landing injury in basketball; patellar tendon autograft reconstruction',
    ],
    aggravating: ['prolonged standing', 'stairs', 'kneeling'],
    easing: ['ice and compression', 'elevation'],
    positiveTests: ['quadriceps lag on straight-leg raise', 'reduced single-leg hop distance (limb symmetry below 80%)'],
    negativeTests: ['Lachman (graft firm end-feel)', 'pivot shift', 'calf tenderness or swelling'],
    outcome: { name: 'LEFS', max: 80, higherIsWorse: false, start: [18, 34], end: [66, 78], unit: '/80' },
    goals: ['Full knee extension and 130° flexion', 'Limb symmetry index ≥ 90% on hop tests', 'Return to sport clearance by the surgeon'],
    planTitle: 'Post-operative ACL rehabilitation',
    visits: [20, 36],
    minAge: 15,
  },
  {
    kind: 'msk',
    label: 'cervicogenic headache',
    region: CERVICAL,
    disciplines: ['chiropractic', 'physiotherapy', 'massage-therapy'],
    funder: null,
    mechanisms: [
      'gradual onset with long hours at a laptop',
      'began after a stressful work deadline period',
      'started after sleeping on a new pillow',
    ],
    aggravating: ['sustained computer work', 'reading in bed', 'driving longer than an hour'],
    easing: ['heat on the neck', 'self-massage', 'acetaminophen'],
    positiveTests: ['cervical flexion-rotation test (reduced to the left)', 'headache reproduced with C1–C2 palpation'],
    negativeTests: ['neurological screen', 'vertebrobasilar screening', 'Spurling test'],
    outcome: { name: 'Neck Disability Index', max: 50, higherIsWorse: true, start: [12, 22], end: [2, 6], unit: '/50' },
    goals: [
      'Reduce headache days from 12 to fewer than 3 per month',
      'Work at the computer for 2 hours without headache',
      'Self-manage with a home program',
    ],
    planTitle: 'Headache and neck care',
    visits: [5, 12],
    minAge: 16,
  },
  {
    kind: 'msk',
    label: 'plantar heel pain',
    region: FOOT,
    disciplines: ['physiotherapy', 'massage-therapy', 'chiropractic'],
    funder: null,
    mechanisms: [
      'gradual onset after starting a job standing on concrete floors',
      'increased walking on holiday',
      'new minimalist running shoes',
    ],
    aggravating: ['first steps in the morning', 'standing after sitting', 'walking barefoot'],
    easing: ['supportive footwear', 'rolling the foot on a frozen bottle'],
    positiveTests: ['windlass test', 'pain on first steps after rest'],
    negativeTests: ['calcaneal squeeze test', 'Tinel at the tarsal tunnel'],
    outcome: { name: 'LEFS', max: 80, higherIsWorse: false, start: [40, 55], end: [70, 80], unit: '/80' },
    goals: ['Walk 30 minutes without heel pain', 'Stand through an 8-hour shift', 'No first-step pain in the morning'],
    planTitle: 'Plantar heel pain program',
    visits: [4, 9],
    minAge: 25,
  },
  {
    kind: 'msk',
    label: 'lumbar strain (workplace lifting injury)',
    region: LUMBAR,
    disciplines: ['physiotherapy', 'kinesiology', 'chiropractic'],
    funder: 'workers-compensation',
    mechanisms: [
      'lifting a 25 kg box from floor level at work',
      'twisting while unloading a delivery truck',
      'transferring a resident at a care home',
    ],
    aggravating: ['lifting', 'bending', 'prolonged standing', 'driving'],
    easing: ['walking', 'heat', 'lying on the back with knees bent'],
    positiveTests: ['pain with repeated flexion', 'reduced lifting tolerance floor to waist (8 kg)'],
    negativeTests: ['straight-leg raise', 'slump test', 'cauda equina screen (no red flags)'],
    outcome: { name: 'Oswestry Disability Index', max: 100, higherIsWorse: true, start: [34, 52], end: [6, 16], unit: '%' },
    goals: ['Lift 20 kg floor to waist safely', 'Return to full duties at work', 'Tolerate an 8-hour shift with pain ≤ 2/10'],
    planTitle: 'Graduated return-to-work program',
    visits: [10, 24],
    minAge: 18,
  },
  {
    kind: 'msk',
    label: 'upper trapezius myofascial pain',
    region: CERVICAL,
    disciplines: ['massage-therapy', 'chiropractic', 'physiotherapy'],
    funder: null,
    mechanisms: [
      'gradual onset with a heavy shoulder bag commute',
      'increased stress and long hours at a desk',
      'new job as a dental hygienist',
    ],
    aggravating: ['sustained desk work', 'carrying bags', 'stress'],
    easing: ['massage', 'heat', 'yoga'],
    positiveTests: ['trigger points in upper trapezius referring to the temple', 'reduced cervical side flexion with end-range pain'],
    negativeTests: ['Spurling test', 'upper limb tension tests'],
    outcome: { name: 'Neck Disability Index', max: 50, higherIsWorse: true, start: [10, 20], end: [2, 6], unit: '/50' },
    goals: ['Work a full day without neck tension above 3/10', 'Reduce tension headaches', 'Maintain with monthly visits'],
    planTitle: 'Neck and shoulder tension management',
    visits: [4, 10],
    minAge: 18,
  },
  {
    kind: 'msk',
    label: 'hip osteoarthritis',
    region: HIP,
    disciplines: ['physiotherapy', 'kinesiology'],
    funder: null,
    mechanisms: [
      'gradual increase in groin pain over two years; X-ray confirms moderate joint-space narrowing',
      'worsening hip stiffness since retiring',
    ],
    aggravating: ['putting on socks', 'getting out of a low chair', 'walking more than 20 minutes'],
    easing: ['warm shower', 'gentle cycling', 'acetaminophen'],
    positiveTests: [
      'FADIR reproduces groin pain',
      'reduced internal rotation with capsular end-feel',
      '30-second chair stand below age norm',
    ],
    negativeTests: ['FABER for sacroiliac pain', 'lumbar screen'],
    outcome: { name: 'LEFS', max: 80, higherIsWorse: false, start: [30, 46], end: [55, 68], unit: '/80' },
    goals: ['Walk 45 minutes with grandchildren', 'Put on socks and shoes independently', 'Delay or prepare for joint replacement'],
    planTitle: 'Hip osteoarthritis exercise and education',
    visits: [6, 12],
    minAge: 50,
  },
];

export const COUNSELLING_CONDITIONS: readonly CounsellingCondition[] = [
  {
    kind: 'counselling',
    label: 'generalized anxiety',
    funder: null,
    presenting: [
      'persistent worry about work performance and health',
      'difficulty switching off in the evenings',
      'muscle tension and restlessness most days',
      'avoidance of social events because of worry',
    ],
    history: [
      'describes being "a worrier" since adolescence',
      'no previous counselling',
      'family physician suggested counselling before considering medication',
    ],
    themes: [
      'worry about upcoming performance review',
      'catastrophic predictions about a family member’s health',
      'perfectionism at work',
      'tolerating uncertainty',
      'sleep disrupted by rumination',
    ],
    interventions: [
      'psychoeducation on the worry cycle',
      'cognitive restructuring of catastrophic predictions',
      'scheduled worry time',
      'diaphragmatic breathing practice in session',
      'values clarification',
      'graded exposure to uncertainty',
    ],
    homework: [
      'worry log once daily',
      'breathing practice twice daily for 5 minutes',
      'one planned uncertainty experiment',
      'reduce reassurance-seeking texts',
    ],
    maintaining: ['avoidance and reassurance-seeking', 'intolerance of uncertainty and rumination'],
    moods: ['on edge', 'tense', 'worried all the time'],
    outcome: { name: 'GAD-7', max: 21, higherIsWorse: true, start: [12, 17], end: [3, 7], unit: '/21' },
    goals: ['Reduce GAD-7 below 8', 'Use two self-regulation strategies independently', 'Attend social events without avoidance'],
    planTitle: 'Counselling: anxiety management',
    visits: [6, 14],
    minAge: 16,
  },
  {
    kind: 'counselling',
    label: 'adjustment difficulties with low mood',
    funder: null,
    presenting: [
      'low mood since a job loss three months ago',
      'reduced interest in hobbies',
      'withdrawal from friends',
      'sleeping longer than usual',
    ],
    history: [
      'one previous episode of low mood in university, resolved with counselling',
      'supportive partner',
      'no substance-use concerns reported',
    ],
    themes: [
      'loss of role and routine',
      'self-criticism about the job loss',
      'job search discouragement',
      'reconnecting with friends',
      'structuring the day',
    ],
    interventions: [
      'behavioural activation planning',
      'self-compassion exercise',
      'cognitive restructuring of all-or-nothing thoughts',
      'problem-solving for job search steps',
      'activity scheduling review',
    ],
    homework: [
      'schedule two valued activities per day',
      'contact one friend this week',
      'thought record for self-critical thoughts',
      'morning walk three times a week',
    ],
    maintaining: ['reduced activity and self-criticism', 'withdrawal from friends and loss of routine'],
    moods: ['flat', 'low', 'stuck'],
    outcome: { name: 'PHQ-9', max: 27, higherIsWorse: true, start: [13, 19], end: [3, 8], unit: '/27' },
    goals: ['Reduce PHQ-9 below 10', 'Re-establish a daily routine', 'Resume at least two previously enjoyed activities'],
    planTitle: 'Counselling: mood and adjustment',
    visits: [6, 16],
    minAge: 18,
  },
  {
    kind: 'counselling',
    label: 'work-related stress',
    funder: 'extended-health',
    presenting: [
      'exhaustion after a year of increased workload',
      'irritability with family',
      'difficulty concentrating',
      'Sunday-evening dread',
    ],
    history: ['works as a team lead in a busy office', 'recent restructuring at work', 'two young children at home'],
    themes: [
      'boundaries around after-hours email',
      'assertive communication with a manager',
      'recovery activities',
      'guilt about taking time off',
    ],
    interventions: [
      'stress-response psychoeducation',
      'assertiveness role-play',
      'boundary-setting plan',
      'acceptance and commitment therapy values work',
      'progressive muscle relaxation',
    ],
    homework: [
      'turn off work notifications after 18:00',
      'plan one recovery activity each weekend',
      'draft a conversation with the manager',
      'progressive muscle relaxation recording nightly',
    ],
    maintaining: ['high demands with few recovery periods', 'difficulty setting limits at work'],
    moods: ['worn out', 'stretched thin', 'irritable'],
    outcome: { name: 'Perceived Stress Scale', max: 40, higherIsWorse: true, start: [23, 31], end: [10, 16], unit: '/40' },
    goals: ['Negotiate a sustainable workload', 'Protect evenings from work email', 'Reduce perceived stress score by 30%'],
    planTitle: 'Counselling: workplace stress',
    visits: [5, 10],
    minAge: 22,
  },
  {
    kind: 'counselling',
    label: 'grief following the death of a parent',
    funder: null,
    presenting: [
      'intense sadness and yearning since the death of a parent five months ago',
      'difficulty returning to usual routines',
      'guilt about not visiting more often',
    ],
    history: ['was the primary caregiver in the final months', 'siblings live overseas', 'strong faith community'],
    themes: [
      'memories and legacy',
      'guilt and the limits of caregiving',
      'first holidays without the parent',
      'practical tasks of the estate',
      'reconnecting with community',
    ],
    interventions: [
      'narrative reconstruction',
      'continuing-bonds letter writing',
      'normalising grief responses',
      'self-care planning around anniversaries',
    ],
    homework: ['write a letter to the parent', 'plan for the anniversary date', 'one social contact per week'],
    maintaining: ['guilt and avoidance of reminders', 'isolation since the funeral'],
    moods: ['heavy', 'sad', 'numb some days'],
    outcome: { name: 'PHQ-9', max: 27, higherIsWorse: true, start: [10, 16], end: [3, 7], unit: '/27' },
    goals: ['Integrate the loss while resuming daily roles', 'Prepare for anniversaries and holidays', 'Reduce guilt-related rumination'],
    planTitle: 'Counselling: grief support',
    visits: [6, 12],
    minAge: 18,
  },
  {
    kind: 'counselling',
    label: 'driving anxiety after a motor vehicle collision',
    funder: 'motor-vehicle',
    presenting: [
      'anxiety as a passenger and driver since a collision',
      'startle response to braking sounds',
      'avoidance of highway driving',
      'intrusive memories of the collision',
    ],
    history: ['collision four months ago, no head injury', 'attending physiotherapy for neck pain', 'no previous mental-health treatment'],
    themes: ['graded exposure to driving', 'safety behaviours in the car', 'sleep and nightmares', 'return to commuting'],
    interventions: [
      'psychoeducation about traumatic stress reactions',
      'graded exposure hierarchy',
      'grounding techniques',
      'cognitive processing of the collision narrative',
    ],
    homework: [
      'drive the practice route three times this week',
      'grounding practice before driving',
      'record anxiety ratings before and after each drive',
    ],
    maintaining: ['avoidance of driving and safety behaviours', 'hypervigilance in traffic'],
    moods: ['jumpy', 'on edge', 'nervous'],
    outcome: { name: 'GAD-7', max: 21, higherIsWorse: true, start: [11, 16], end: [2, 6], unit: '/21' },
    goals: [
      'Drive on the highway to work independently',
      'Reduce startle and intrusive memories',
      'Sleep without collision-related nightmares',
    ],
    planTitle: 'Counselling: post-collision anxiety',
    visits: [8, 16],
    minAge: 18,
  },
  {
    kind: 'counselling',
    label: 'sleep difficulties',
    funder: null,
    presenting: ['difficulty falling asleep most nights', 'waking at 03:00 unable to return to sleep', 'daytime fatigue affecting work'],
    history: ['shift work until last year', 'caffeine 3–4 cups daily', 'no known sleep apnoea; family physician screened'],
    themes: ['stimulus control', 'sleep restriction schedule', 'worry at bedtime', 'caffeine timing'],
    interventions: [
      'CBT-I psychoeducation',
      'sleep diary review',
      'stimulus control instructions',
      'cognitive restructuring of sleep-related beliefs',
    ],
    homework: [
      'keep a sleep diary nightly',
      'fixed wake time of 06:30 every day',
      'no caffeine after noon',
      'leave the bedroom if awake longer than 20 minutes',
    ],
    maintaining: ['irregular sleep schedule and time in bed awake', 'worry at bedtime and caffeine late in the day'],
    moods: ['tired', 'foggy', 'frustrated'],
    outcome: { name: 'Insomnia Severity Index', max: 28, higherIsWorse: true, start: [16, 22], end: [5, 10], unit: '/28' },
    goals: ['Sleep efficiency above 85%', 'Fall asleep within 30 minutes most nights', 'Reduce Insomnia Severity Index below 10'],
    planTitle: 'Counselling: CBT for insomnia',
    visits: [5, 8],
    minAge: 18,
  },
];

export const NATUROPATHY_CONDITIONS: readonly NaturopathyCondition[] = [
  {
    kind: 'naturopathy',
    label: 'irritable bowel symptoms',
    symptoms: ['bloating most afternoons', 'alternating loose stools and constipation', 'abdominal cramping relieved by bowel movement'],
    history: ['colonoscopy last year unremarkable per family physician', 'coeliac screen negative', 'symptoms worse during exam periods'],
    labs: ['CBC within normal limits', 'tTG-IgA negative', 'ferritin 42 µg/L', 'TSH 1.8 mIU/L'],
    diet: [
      'trial of a low-FODMAP elimination phase for 4 weeks with structured reintroduction',
      'regular meal timing, three meals and one snack',
      'increase soluble fibre gradually (oats, chia)',
    ],
    supplements: [
      'peppermint oil enteric-coated capsules before meals',
      'psyllium 1 tsp daily, increasing to 2 tsp',
      'probiotic trial for 8 weeks',
    ],
    lifestyle: ['daily 20-minute walk after dinner', 'diaphragmatic breathing before meals', 'symptom and food diary'],
    trackedSymptom: 'bloating severity',
    exam: 'Abdomen soft, mild diffuse tenderness in the lower quadrants, no masses, no guarding.',
    goals: ['Reduce bloating to ≤ 3/10 on most days', 'Identify trigger foods through reintroduction', 'Regular bowel habit 5 of 7 days'],
    planTitle: 'Digestive health plan',
    visits: [4, 8],
    minAge: 18,
    sexes: null,
  },
  {
    kind: 'naturopathy',
    label: 'fatigue with low iron stores',
    symptoms: ['tiredness by mid-afternoon', 'reduced exercise tolerance', 'feeling cold', 'brittle nails'],
    history: [
      'heavy menstrual periods; gynaecology follow-up arranged by family physician',
      'vegetarian for six years',
      'no other bleeding reported',
    ],
    labs: ['ferritin 11 µg/L', 'haemoglobin 118 g/L', 'vitamin B12 310 pmol/L', 'TSH 2.1 mIU/L'],
    diet: [
      'iron-rich plant foods with vitamin C at the same meal',
      'tea and coffee at least one hour away from meals',
      'legumes at least once daily',
    ],
    supplements: ['iron bisglycinate 25 mg every other day', 'vitamin C 250 mg with the iron dose'],
    lifestyle: ['consistent sleep schedule', 'gentle exercise, building gradually', 'recheck ferritin in 12 weeks via family physician'],
    trackedSymptom: 'fatigue',
    exam: 'Nail beds pale; no lymphadenopathy; thyroid not enlarged.',
    goals: [
      'Ferritin above 50 µg/L at recheck',
      'Energy sufficient for full workday and evening exercise',
      'Sustainable iron-rich vegetarian diet',
    ],
    planTitle: 'Energy and iron repletion plan',
    visits: [3, 7],
    minAge: 18,
    sexes: ['female'],
  },
  {
    kind: 'naturopathy',
    label: 'perimenopausal symptoms',
    symptoms: ['hot flushes 6–8 times a day', 'night sweats waking 2–3 times nightly', 'irregular cycles', 'low mood premenstrually'],
    history: [
      'last cervical screening up to date',
      'family physician discussed hormone therapy; patient wished to try lifestyle measures first',
      'non-smoker',
    ],
    labs: ['FSH elevated per family physician', 'lipid panel within target', 'vitamin D 58 nmol/L'],
    diet: ['reduce alcohol to 2 drinks per week', 'soy foods daily', 'limit spicy food in the evening'],
    supplements: ['vitamin D3 1000 IU daily', 'magnesium glycinate 200 mg at bedtime'],
    lifestyle: ['layered clothing and cool bedroom (18 °C)', 'resistance training twice weekly', 'paced breathing during flushes'],
    trackedSymptom: 'hot flush frequency',
    exam: 'Thyroid not enlarged; no other findings of note.',
    goals: [
      'Halve the number of hot flushes',
      'Sleep through the night at least 4 nights a week',
      'Maintain bone health with resistance exercise',
    ],
    planTitle: 'Perimenopause support plan',
    visits: [3, 7],
    minAge: 42,
    sexes: ['female'],
  },
  {
    kind: 'naturopathy',
    label: 'seasonal allergic rhinitis',
    symptoms: ['sneezing and itchy eyes from April to June', 'nasal congestion disrupting sleep', 'post-nasal drip'],
    history: ['uses a nasal steroid spray from the family physician intermittently', 'no asthma', 'cat at home'],
    labs: ['no recent labs; allergy testing by allergist two years ago positive to grass and tree pollen'],
    diet: ['anti-inflammatory whole-food diet', 'adequate hydration, 2 L daily'],
    supplements: ['saline nasal rinse twice daily', 'quercetin 500 mg twice daily during pollen season'],
    lifestyle: [
      'keep windows closed on high pollen days',
      'shower and change clothes after outdoor activity',
      'HEPA filter in the bedroom',
    ],
    trackedSymptom: 'nasal congestion',
    exam: 'Nasal mucosa pale and boggy; mild conjunctival injection; chest clear.',
    goals: ['Sleep without waking from congestion', 'Reduce rescue antihistamine use', 'Consistent nasal spray and rinse routine'],
    planTitle: 'Seasonal allergy plan',
    visits: [3, 6],
    minAge: 12,
    sexes: null,
  },
  {
    kind: 'naturopathy',
    label: 'mild atopic dermatitis',
    symptoms: ['itchy dry patches on the inner elbows and behind the knees', 'flares in winter', 'sleep disrupted by itching'],
    history: ['childhood eczema', 'uses a low-potency topical steroid from the family physician during flares', 'hay fever'],
    labs: ['no labs required at this stage'],
    diet: ['food and symptom diary for 4 weeks', 'omega-3-rich fish twice weekly'],
    supplements: ['vitamin D3 1000 IU daily', 'fish oil 1 g EPA/DHA daily'],
    lifestyle: [
      'fragrance-free emollient twice daily and after bathing',
      'lukewarm showers under 10 minutes',
      'cotton clothing next to skin',
    ],
    trackedSymptom: 'itch severity',
    exam: 'Dry, lichenified patches at both antecubital fossae and popliteal fossae; no signs of infection.',
    goals: ['Reduce flare frequency', 'Itch ≤ 2/10 on most days', 'Sleep without waking from itch'],
    planTitle: 'Skin health plan',
    visits: [3, 6],
    minAge: 6,
    sexes: null,
  },
];

/** Conditions each discipline sees. */
export function conditionsFor(discipline: DemoDiscipline): readonly DemoCondition[] {
  if (discipline === 'counselling') return COUNSELLING_CONDITIONS;
  if (discipline === 'naturopathy') return NATUROPATHY_CONDITIONS;
  return MSK_CONDITIONS.filter((c) => c.disciplines.includes(discipline));
}
